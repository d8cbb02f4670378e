import {
  type BookingChange,
  type CompletedJob,
  channels,
  type MyBookings,
  type PartnerEarnings,
  type PartnerRatings,
  type ServerMessage,
} from '@zefy/contracts';
import { ManualClock } from '@zefy/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { demoHome, demoPartnerOf } from '../support/booking.ts';
import { customerAtHome, dispatchAt, paidNowBooking, payForHold } from '../support/dispatch.ts';
import { loginByOtp, randomPhone } from '../support/identity.ts';
import { fixNear, jobAt } from '../support/job-http.ts';
import { expectBalancedLedger, type PaymentsDriver, paymentsDriver } from '../support/payments.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

// the job's timer runs on the server's clock: moved by hand, the job runs past its included time at once
const clock = new ManualClock(new Date());
let zefy: TestPlatform;
let payments: PaymentsDriver;
beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false, clock });
  payments = paymentsDriver(zefy);
  await zefy.seedDemoCity();
});
afterAll(async () => {
  await payments?.close();
  await zefy?.stop();
});

async function ok<T>(response: Response): Promise<T> {
  if (response.status !== 200)
    throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
const changesIn = (messages: readonly ServerMessage[]): BookingChange[] =>
  messages.flatMap((message) => (message.type === 'change' ? [message.change] : []));

describe('the whole platform, login to rating, over HTTP and WebSocket', () => {
  it('books, pays, dispatches, tracks, times the job, charges its extra time as a second Razorpay payment, completes and rates it; the booking channel tells each change in order and the ledger balances', async () => {
    const api = apiAt(zefy.baseUrl);
    const dispatch = dispatchAt(zefy.baseUrl);
    const job = jobAt(zefy.baseUrl);

    // a new customer signs up by phone, with the code the SMS simulator received, and saves their home
    const customerLogin = await loginByOtp(zefy.baseUrl, randomPhone(), 'customer');
    expect(customerLogin).toMatchObject({ isNewAccount: true, principal: { role: 'customer' } });
    const customer = await customerAtHome(zefy, {
      id: customerLogin.principal.id,
      token: customerLogin.accessToken,
    });
    expect(customer.address).toMatchObject({ isServiceable: true, hubId: expect.any(String) });

    // the hub's partner logs in the same way, goes on duty at the home and listens on their channel
    const demoPartner = demoPartnerOf(customer.address.hubId as string);
    const partnerLogin = await loginByOtp(zefy.baseUrl, demoPartner.phone, 'partner');
    const partner = { id: partnerLogin.principal.id, token: partnerLogin.accessToken };
    expect(partner.id).toBe(demoPartner.id);
    const partnerSocket = await connectWebSocket(zefy.baseUrl, partner.token);
    expect(await partnerSocket.subscribe(channels.partner(partner.id))).toMatchObject({ type: 'subscribed' });
    await dispatch.onDuty(partner.token, demoHome);

    // the customer sees a slot now, holds it and pays on the Razorpay simulator's checkout page
    const booking = await paidNowBooking(zefy.baseUrl, customer);
    const customerSocket = await connectWebSocket(zefy.baseUrl, customer.token);
    // from the first change: those before the subscription are replayed, the rest arrive live
    expect(await customerSocket.subscribe(channels.booking(booking.id), 0)).toMatchObject({
      type: 'subscribed',
    });

    // the offer reaches the partner's socket; they accept it
    const offered = await partnerSocket.next(
      (message) =>
        message.type === 'event' &&
        message.event.type === 'dispatch.offers_sent' &&
        message.event.data.bookingId === booking.id,
    );
    const offer =
      offered.type === 'event' && offered.event.type === 'dispatch.offers_sent'
        ? offered.event.data.offers.find((candidate) => candidate.partnerId === partner.id)
        : undefined;
    expect((await dispatch.accept(partner.token, offer?.offerId ?? '')).status).toBe(200);

    // on the way, a few positions towards the door, at the door
    expect((await dispatch.onMyWay(partner.token, booking.id)).status).toBe(200);
    const door = await job.doorOf(customer.token, booking.id);
    const now = clock.now().getTime();
    // tracking learns of "On my way" from booking's event: until then it refuses positions
    const uploaded = await eventually(() =>
      job.positions(partner.token, booking.id, [
        fixNear(door, 1200, 120, now),
        fixNear(door, 900, 60, now),
        fixNear(door, 600, 0, now),
      ]),
    );
    expect(uploaded.rejected).toEqual([]);
    const tracking = await job.tracking(customer.token, booking.id);
    expect(tracking.position?.lat).toBeCloseTo(fixNear(door, 600, 0).lat, 5);
    expect((await dispatch.arrived(partner.token, booking.id)).status).toBe(200);

    // the customer reads out the start code they see; the timer runs on the server
    const otps = await job.issuedCodes(customer.token, booking.id);
    const startedAt = clock.now().toISOString();
    expect(await job.start(partner.token, booking.id, otps.start)).toMatchObject({
      status: 'in_progress',
      job: { startedAt },
    });

    // 300 minutes are included with 15 of grace: 346 make two started blocks of 30 more
    clock.advance(346 * 60_000);
    const ended = await job.end(partner.token, booking.id, otps.end);
    expect(ended).toMatchObject({ status: 'awaiting_extra_payment', job: { workedMinutes: 346 } });
    const extraDue = ended.job?.extraDuePaise ?? 0;
    expect(extraDue).toBeGreaterThan(0);

    // the extra is a second order of the same booking, paid through Razorpay again
    const extraOrder = await payForHold(zefy.baseUrl, customer.token, {
      id: ended.job?.extraPayableId ?? '',
    });
    expect(extraOrder).toMatchObject({ amountPaise: extraDue, customerId: customer.id });
    await eventually(async () => {
      const view = await job.booking(customer.token, booking.id);
      if (view.status !== 'completed') throw new Error(`still ${view.status}`);
    });

    // each rates the other, once
    expect(
      await job.rateJob(customer.token, booking.id, {
        stars: 5,
        tags: ['on_time', 'tidy'],
        comment: 'Spotless',
      }),
    ).toMatchObject({ by: 'customer', stars: 5 });
    expect(await job.rateCustomer(partner.token, booking.id, { stars: 4 })).toMatchObject({
      by: 'partner',
      stars: 4,
    });

    // the customer's socket told every state change of the booking, once each, in order
    const journey = [
      'booking.held',
      'booking.confirmed',
      'booking.partner_assigned',
      'booking.en_route',
      'booking.arrived',
      'booking.job_started',
      'booking.job_ended',
      'booking.completed',
      'booking.rated',
    ];
    await eventually(async () => {
      const types = changesIn(customerSocket.messages).map((change) => change.type);
      expect(types.filter((type) => type === 'booking.rated')).toHaveLength(2);
    });
    const changes = changesIn(customerSocket.messages);
    const sequences = changes.map((change) => change.sequence);
    expect(sequences).toEqual([...new Set(sequences)].sort((a, b) => a - b));
    const types = changes.map((change) => change.type);
    expect(types.filter((type) => journey.includes(type))).toEqual([...journey, 'booking.rated']);

    // two captured payments, neither refunded, and a balanced ledger
    const receipt = await job.receiptWithPayments(customer.token, booking.id, 2);
    expect(receipt).toMatchObject({
      extra: { workedMinutes: 346, extraDuePaise: extraDue, extraPaidPaise: extraDue },
      paidPaise: booking.price.totalPaise + extraDue,
      refundedPaise: 0,
      myRating: { stars: 5 },
    });
    expect(receipt.payments.map((payment) => payment.status)).toEqual(['captured', 'captured']);
    await expectBalancedLedger(payments);

    // the customer's past bookings and the partner's history, earnings and ratings show the job
    const past = await ok<MyBookings>(await api('/api/v1/me/bookings?scope=past', { token: customer.token }));
    expect(past.items.map((item) => item.id)).toEqual([booking.id]);
    const history = await ok<{ items: CompletedJob[] }>(
      await api('/api/v1/partner/history', { token: partner.token }),
    );
    expect(history.items).toEqual([
      expect.objectContaining({ bookingId: booking.id, workedMinutes: 346, rating: 5 }),
    ]);
    expect(
      await ok<PartnerEarnings>(await api('/api/v1/partner/earnings', { token: partner.token })),
    ).toMatchObject({
      jobs: 1,
      totalPaise: history.items[0]?.earningPaise,
    });
    expect(
      await ok<PartnerRatings>(await api('/api/v1/partner/ratings', { token: partner.token })),
    ).toMatchObject({
      count: 1,
      items: [expect.objectContaining({ bookingId: booking.id, stars: 5, tags: ['on_time', 'tidy'] })],
    });
    for (const socket of [customerSocket, partnerSocket]) socket.close();
  });
});
