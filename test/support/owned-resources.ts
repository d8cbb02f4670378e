import { randomUUID } from 'node:crypto';
import type { AdminBookingDetail, LiveTracking, Role } from '@zefy/contracts';
import { apiAt, eventually } from './api.ts';
import { holdFor } from './booking.ts';
import { acceptedJob, dispatchAt, offeredJob } from './dispatch.ts';
import type { TestPlatform } from './platform.ts';

export type Principal = { role: Role; id: string };

/**
 * Creates a resource of the kind owned by `owner` and answers its id: one entry per `owner.resource` of the
 * route contracts (`x-owner` in the OpenAPI document).
 */
export const ownedResourceFixtures = (
  zefy: TestPlatform,
): Record<string, (owner: Principal) => Promise<string>> => {
  /** A job the partner has: theirs already (a partner with a job is busy at its time, so no second is offered), or a new one. */
  async function jobOf(partnerId: string): Promise<string> {
    const token = await zefy.tokenFor('partner', partnerId);
    const [job] = (await dispatchAt(zefy.baseUrl).jobs(token)).items.filter((item) =>
      ['assigned', 'en_route'].includes(item.status),
    );
    return job?.bookingId ?? (await acceptedJob(zefy, partnerId)).bookingId;
  }
  /** Waits until the tracking service has learnt of the booking (in `status`, if given) from booking's events. */
  const trackingKnows = (bookingId: string, status?: LiveTracking['status']) =>
    eventually(async () => {
      const tracking = await apiAt(zefy.baseUrl)(`/api/v1/bookings/${bookingId}/tracking`, {
        token: zefy.adminToken,
      });
      if (tracking.status !== 200) throw new Error(`tracking does not know ${bookingId} yet`);
      const known = (await tracking.json()) as LiveTracking;
      if (status && known.status !== status) throw new Error(`tracking has ${bookingId} ${known.status}`);
    });
  /** Waits until the job's codes are issued (booking's consumer of the assignment): before, no one is its partner. */
  const codesIssued = (bookingId: string) =>
    eventually(async () => {
      const detail = await apiAt(zefy.baseUrl)(`/api/v1/admin/bookings/${bookingId}`, {
        token: zefy.adminToken,
      });
      if (((await detail.json()) as AdminBookingDetail).otp === null)
        throw new Error(`no codes for ${bookingId} yet`);
    });
  return {
    // a second session of the same account: signing it out must be possible for its owner only
    session: async (owner) => (await zefy.signIn(owner.role, owner.id)).sessionId,
    address: async (owner) => {
      const response = await apiAt(zefy.baseUrl)('/api/v1/locations/addresses', {
        method: 'POST',
        token: await zefy.tokenFor(owner.role, owner.id),
        idempotencyKey: true,
        json: { label: 'Home', line1: '1 Main Road', lat: 12.97, lng: 77.64 },
      });
      if (response.status !== 201)
        throw new Error(`address fixture: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    'payment-order': async (owner) => {
      const hold = await holdFor(zefy, owner);
      const response = await apiAt(zefy.baseUrl)('/api/v1/payments/orders', {
        method: 'POST',
        token: await zefy.tokenFor(owner.role, owner.id),
        idempotencyKey: true,
        json: { holdId: hold.id },
      });
      if (response.status !== 201)
        throw new Error(`payment order fixture: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    booking: async (owner) => (await holdFor(zefy, owner)).id,
    offer: async (owner) => (await offeredJob(zefy, owner.id)).offer.offerId,
    'partner-job': async (owner) => {
      const { bookingId } = await acceptedJob(zefy, owner.id);
      await codesIssued(bookingId);
      return bookingId;
    },
    'en-route-job': async (owner) => {
      const bookingId = await jobOf(owner.id);
      const started = await dispatchAt(zefy.baseUrl).onMyWay(
        await zefy.tokenFor('partner', owner.id),
        bookingId,
      );
      if (started.status !== 200)
        throw new Error(`en route job fixture: ${started.status} ${await started.text()}`);
      await trackingKnows(bookingId, 'en_route');
      return bookingId;
    },
    // a job the customer booked or the partner took, once the tracking service has learnt of it
    'tracked-booking': async (owner) => {
      const bookingId =
        owner.role === 'customer'
          ? (await acceptedJob(zefy, randomUUID(), { role: 'customer', id: owner.id })).bookingId
          : await jobOf(owner.id);
      await trackingKnows(bookingId);
      return bookingId;
    },
  };
};
