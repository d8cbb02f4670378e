import { randomUUID } from 'node:crypto';
import type {
  Address,
  AssignPartnerInput,
  Availability,
  BookingView,
  DispatchCandidates,
  DispatchQueue,
  OfferRejectReason,
  OfferView,
  PartnerJobs,
  PartnerOffers,
  PaymentOrder,
  PresenceView,
} from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { createEvent, systemClock } from '@zefy/platform';
import { isPointInRing, type Ring } from '@zefy/rules';
import { apiAt, eventually } from './api.ts';
import { demoHome, holdFor, type PlatformAccess } from './booking.ts';
import { payOnCheckoutPage, verifyPayment } from './checkout.ts';
import type { TestPlatform } from './platform.ts';

/** A platform in this process: fixtures that publish identity's facts on its bus need it. */
export type InProcessAccess = PlatformAccess & Pick<TestPlatform, 'platform'>;

const demoCustomer = demoCity.identity.customers[0] as { id: string };
const demoCustomerHome = demoCity.locations.addresses.find(
  (address) => address.customerId === demoCustomer.id && address.isDefault,
) as { lat: number; lng: number };
const demoService = demoCity.catalog.services[0] as { id: string; name: string };
const hubOfHome = demoCity.locations.hubs.find((hub) =>
  isPointInRing([demoCustomerHome.lng, demoCustomerHome.lat], hub.polygon.coordinates[0] as Ring),
) as { id: string };

/**
 * The demo city's first customer, their home and its hub, the first service, and the demo partner of that
 * hub with its skill: a booking the customer makes in the user app is offered to that partner.
 */
export const demoJob = {
  customer: demoCustomer,
  home: demoCustomerHome,
  hubId: hubOfHome.id,
  service: demoService,
  partner: demoCity.identity.partners.find(
    (candidate) => candidate.skills.includes(demoService.id) && candidate.hubId === hubOfHome.id,
  ) as { id: string; name: string },
};

async function expectJson<T>(response: Response, status = 200): Promise<T> {
  if (response.status !== status)
    throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Dispatch through the API, as the partner app and the admin console use it: on and off duty, the partner's
 * offers (waiting for one to arrive), accept, reject, their jobs, backing out; the team's queue, candidates,
 * assignment and re-send. Only HTTP against `baseUrl`, so it drives an embedded test platform or any gateway
 * of a cluster alike. Answers that tests judge (accept, reject, assign…) are returned as responses.
 */
export function dispatchAt(baseUrl: string) {
  const api = apiAt(baseUrl);
  const driver = {
    onDuty: async (token: string, position: { lat: number; lng: number }) =>
      expectJson<PresenceView>(
        await api('/api/v1/partner/presence', {
          method: 'PUT',
          token,
          json: { online: true, lat: position.lat, lng: position.lng },
        }),
      ),
    offDuty: async (token: string) =>
      expectJson<PresenceView>(
        await api('/api/v1/partner/presence', { method: 'PUT', token, json: { online: false } }),
      ),
    offers: async (token: string) =>
      expectJson<PartnerOffers>(await api('/api/v1/partner/offers', { token })),
    /** The partner's open offer of the booking, once it has arrived. */
    offerOf: (token: string, bookingId: string, timeoutMs = 15_000) =>
      eventually(async () => {
        const offer = (await driver.offers(token)).items.find((item) => item.bookingId === bookingId);
        if (!offer) throw new Error(`no offer of booking ${bookingId} yet`);
        return offer;
      }, timeoutMs),
    accept: (token: string, offerId: string) =>
      api(`/api/v1/partner/offers/${offerId}/accept`, { method: 'POST', token }),
    reject: (token: string, offerId: string, reason: OfferRejectReason = 'busy', note?: string) =>
      api(`/api/v1/partner/offers/${offerId}/reject`, {
        method: 'POST',
        token,
        json: { reason, ...(note === undefined ? {} : { note }) },
      }),
    jobs: async (token: string, scope: 'upcoming' | 'past' = 'upcoming') =>
      expectJson<PartnerJobs>(await api(`/api/v1/partner/jobs?scope=${scope}`, { token })),
    cancelJob: (token: string, bookingId: string, reason: string) =>
      api(`/api/v1/partner/jobs/${bookingId}/cancel`, {
        method: 'POST',
        token,
        idempotencyKey: true,
        json: { reason },
      }),
    onMyWay: (token: string, bookingId: string) =>
      api(`/api/v1/partner/jobs/${bookingId}/on-my-way`, { method: 'POST', token }),
    arrived: (token: string, bookingId: string) =>
      api(`/api/v1/partner/jobs/${bookingId}/arrived`, { method: 'POST', token }),
    queue: async (adminToken: string, hubId?: string) =>
      expectJson<DispatchQueue>(
        await api(`/api/v1/admin/dispatch/queue${hubId ? `?hubId=${hubId}` : ''}`, { token: adminToken }),
      ),
    candidates: async (adminToken: string, bookingId: string) =>
      expectJson<DispatchCandidates>(
        await api(`/api/v1/admin/bookings/${bookingId}/candidates`, { token: adminToken }),
      ),
    assign: (adminToken: string, bookingId: string, body: AssignPartnerInput) =>
      api(`/api/v1/admin/bookings/${bookingId}/assign`, {
        method: 'POST',
        token: adminToken,
        idempotencyKey: true,
        json: body,
      }),
    resend: (adminToken: string, bookingId: string) =>
      api(`/api/v1/admin/bookings/${bookingId}/resend`, {
        method: 'POST',
        token: adminToken,
        idempotencyKey: true,
      }),
  };
  return driver;
}

/**
 * Pays for a hold, or for a job's extra time (its `extraPayableId` as the id), as the user app does: an order,
 * the Razorpay simulator's checkout page, the verification. Answers the order.
 */
export async function payForHold(
  baseUrl: string,
  customerToken: string,
  hold: Pick<BookingView, 'id'>,
): Promise<PaymentOrder> {
  const order = await expectJson<PaymentOrder>(
    await apiAt(baseUrl)('/api/v1/payments/orders', {
      method: 'POST',
      token: customerToken,
      idempotencyKey: true,
      json: { holdId: hold.id },
    }),
    201,
  );
  const back = await payOnCheckoutPage(baseUrl, order, 'success');
  await expectJson(await verifyPayment(baseUrl, customerToken, order, back.params));
  return order;
}

/** The name `approvedPartner` gives a partner, as the customer's card shows it. */
export const approvedPartnerName = (partnerId: string) => `Partner ${partnerId.slice(0, 4)}`;

/**
 * Makes `partnerId` an approved partner of the hub with the skills, as booking learns it from identity
 * (`identity.partner_created` on the bus: a test fixture may not mint identity's ids), and answers their
 * token once booking knows them. In process only (the platform's own bus).
 */
export async function approvedPartner(
  zefy: InProcessAccess,
  partner: { id: string; hubId: string; skills: string[] },
): Promise<string> {
  await zefy.platform.infra.bus.publish(
    createEvent(
      'identity.partner_created',
      {
        partnerId: partner.id,
        name: approvedPartnerName(partner.id),
        phone: `+9197${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        photoUrl: null,
        skills: partner.skills,
        hubId: partner.hubId,
        status: 'approved',
      },
      { actor: { kind: 'system', id: 'identity' }, clock: systemClock },
    ),
  );
  const token = await zefy.tokenFor('partner', partner.id);
  await eventually(async () => {
    const presence = await apiAt(zefy.baseUrl)('/api/v1/partner/presence', { token });
    if (presence.status !== 200) throw new Error(`booking does not know ${partner.id} yet`);
  });
  return token;
}

const weekOf = (ranges: Array<{ start: string; end: string }>) => ({
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, ranges])),
  daysOff: [],
});

/** The partner works around the clock, so whichever slot a customer gets, its offer reaches them. */
export async function worksAroundTheClock(zefy: PlatformAccess, partnerId: string): Promise<void> {
  await expectJson(
    await apiAt(zefy.baseUrl)('/api/v1/partner/schedule', {
      method: 'PUT',
      token: await zefy.tokenFor('partner', partnerId),
      json: weekOf([{ start: '00:00', end: '24:00' }]),
    }),
  );
}

/**
 * An offer to the partner `partnerId` of a paid slot booking in the demo city (a new customer at a demo
 * home, see `holdFor`), the partner approved for its hub and service: the offer and the partner's token.
 * The partner works all week only until the offer arrives, so no later hold takes their time (which would
 * make them busy for the next booking at that hour); a partner who already holds an open offer gets that one.
 */
export async function offeredJob(
  zefy: InProcessAccess,
  partnerId: string,
): Promise<{ offer: OfferView; token: string }> {
  const dispatch = dispatchAt(zefy.baseUrl);
  const [open] = (await dispatch.offers(await zefy.tokenFor('partner', partnerId))).items;
  if (open) return { offer: open, token: await zefy.tokenFor('partner', partnerId) };
  return offeredJobOf(zefy, { role: 'customer', id: randomUUID() }, partnerId);
}

/**
 * A new hold of `customer`'s, paid and offered to `partnerId` alone: they become an approved partner of its
 * hub with its skill, working just long enough to be offered it.
 */
export async function offeredJobOf(
  zefy: InProcessAccess,
  customer: { role: 'customer'; id: string },
  partnerId: string,
): Promise<{ offer: OfferView; token: string }> {
  const dispatch = dispatchAt(zefy.baseUrl);
  const hold = await holdFor(zefy, customer);
  const token = await approvedPartner(zefy, { id: partnerId, hubId: hold.hubId, skills: [hold.serviceId] });
  const schedule = (week: ReturnType<typeof weekOf>) =>
    apiAt(zefy.baseUrl)('/api/v1/partner/schedule', { method: 'PUT', token, json: week }).then(expectJson);
  await schedule(weekOf([{ start: '00:00', end: '24:00' }]));
  await payForHold(zefy.baseUrl, await zefy.tokenFor('customer', customer.id), hold);
  const offer = await dispatch.offerOf(token, hold.id);
  await schedule(weekOf([]));
  return { offer, token };
}

/** A job of `customer`'s that `partnerId` has accepted (offered to them alone first), and their token. */
export async function acceptedJob(
  zefy: InProcessAccess,
  partnerId: string,
  customer: { role: 'customer'; id: string } = { role: 'customer', id: randomUUID() },
): Promise<{ bookingId: string; token: string }> {
  const { offer, token } = await offeredJobOf(zefy, customer, partnerId);
  const accepted = await dispatchAt(zefy.baseUrl).accept(token, offer.offerId);
  if (accepted.status !== 200) throw new Error(`accepted job: ${accepted.status} ${await accepted.text()}`);
  return { bookingId: offer.bookingId, token };
}

/**
 * A customer (a new one unless given, signed in) with an address saved at the demo home, and the
 * availability of the demo service there (today's, or `date`'s), asked until booking knows the address.
 */
export async function customerAtHome(zefy: PlatformAccess, customer?: { id: string; token: string }) {
  const api = apiAt(zefy.baseUrl);
  const id = customer?.id ?? randomUUID();
  const token = customer?.token ?? (await zefy.tokenFor('customer', id));
  const address = await expectJson<Address>(
    await api('/api/v1/locations/addresses', {
      method: 'POST',
      token,
      idempotencyKey: true,
      json: { label: 'Home', line1: '100 Feet Road', lat: demoHome.lat, lng: demoHome.lng },
    }),
    201,
  );
  const availability = (date?: string) =>
    eventually(async () =>
      expectJson<Availability>(
        await api(
          `/api/v1/availability?serviceId=${demoService.id}&addressId=${address.id}${date ? `&date=${date}` : ''}`,
          { token },
        ),
      ),
    );
  return { id, token, address, availability };
}

export type CustomerAtHome = Awaited<ReturnType<typeof customerAtHome>>;

/** A hold of the demo service for now at the customer's home, once a partner is free for it, paid: booking confirms it and dispatch offers it. */
export async function paidNowBooking(baseUrl: string, customer: CustomerAtHome): Promise<BookingView> {
  await eventually(async () => {
    if (!(await customer.availability()).now.available) throw new Error('nobody is free now');
  });
  const hold = await expectJson<BookingView>(
    await apiAt(baseUrl)('/api/v1/holds', {
      method: 'POST',
      token: customer.token,
      idempotencyKey: true,
      json: { serviceId: demoService.id, addressId: customer.address.id, window: { kind: 'now' } },
    }),
    201,
  );
  await payForHold(baseUrl, customer.token, hold);
  return hold;
}

/** A job of a new customer's that a new partner has accepted, with both signed in. */
export async function assignedJobSignedIn(zefy: InProcessAccess) {
  const customer = { role: 'customer' as const, id: randomUUID() };
  const partnerId = randomUUID();
  const { bookingId, token } = await acceptedJob(zefy, partnerId, customer);
  return {
    bookingId,
    customer: { id: customer.id, token: await zefy.tokenFor('customer', customer.id) },
    partner: { id: partnerId, token },
  };
}
