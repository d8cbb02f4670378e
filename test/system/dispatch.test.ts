import { randomUUID } from 'node:crypto';
import type {
  BookingView,
  NotificationPage,
  PaymentDetail,
  RealtimeEvent,
  ServerMessage,
} from '@zefy/contracts';
import { channels } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { ManualClock } from '@zefy/platform';
import { formatPaise } from '@zefy/platform/domain';
import { type FcmSimulator, startFcmSimulator } from '@zefy/stand-ins/fcm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { demoHome } from '../support/booking.ts';
import { approvedPartner, customerAtHome, dispatchAt, paidNowBooking } from '../support/dispatch.ts';
import { expectBalancedLedger, type PaymentsDriver, paymentsDriver } from '../support/payments.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

// the whole platform on a clock moved by hand, so the five-minute promise can run out in a test
const clock = new ManualClock(new Date());
let zefy: TestPlatform;
let fcm: FcmSimulator;
let payments: PaymentsDriver;
let api: ReturnType<typeof apiAt>;
let dispatch: ReturnType<typeof dispatchAt>;
beforeAll(async () => {
  fcm = await startFcmSimulator({ projectId: 'zefy-dispatch-test', accessToken: 'dispatch-test-token' });
  zefy = await startPlatform({
    serveWebApps: false,
    clock,
    env: {
      BOOKING_DISPATCH_TICK_MS: '100',
      FCM_BASE_URL: fcm.url,
      FCM_PROJECT_ID: 'zefy-dispatch-test',
      FCM_ACCESS_TOKEN: 'dispatch-test-token',
    },
  });
  payments = paymentsDriver(zefy);
  api = apiAt(zefy.baseUrl);
  dispatch = dispatchAt(zefy.baseUrl);
  await zefy.seedDemoCity();
});
afterAll(async () => {
  await payments?.close();
  await zefy?.stop();
  await fcm?.close();
});

const json = async <T>(response: Response): Promise<T> => {
  if (response.status >= 300) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};
const service = demoCity.catalog.services[0] as { id: string; name: string };

/** The demo partner of the home's hub who does the service, signed in. */
async function homePartner(hubId: string) {
  const partner = demoCity.identity.partners.find(
    (candidate) => candidate.hubId === hubId && candidate.skills.includes(service.id),
  );
  if (!partner) throw new Error('demo data changed');
  return { id: partner.id, name: partner.name, token: await zefy.tokenFor('partner', partner.id) };
}

const eventsOf = (messages: ServerMessage[]): RealtimeEvent[] =>
  messages.flatMap((message) => (message.type === 'event' ? [message.event] : []));

describe('dispatch in the whole platform', () => {
  it('has slots on a fresh demo city without anyone setting working hours', async () => {
    const customer = await customerAtHome(zefy);
    const tomorrow = new Date(clock.now().getTime() + 24 * 3600_000).toLocaleDateString('en-CA', {
      timeZone: 'Asia/Kolkata',
    });
    const day = await customer.availability(tomorrow);
    expect(day.slots.filter((slot) => slot.available).length).toBeGreaterThanOrEqual(10);
  });

  it('offers the job to both partners on duty, gives it to the first to accept, tells the other it was taken and the customer who is coming', async () => {
    const customer = await customerAtHome(zefy);
    const demoPartner = await homePartner(customer.address.hubId as string);
    const other = { id: randomUUID(), token: '' };
    other.token = await approvedPartner(zefy, {
      id: other.id,
      hubId: customer.address.hubId as string,
      skills: [service.id],
    });
    for (const partner of [demoPartner, other]) await dispatch.onDuty(partner.token, demoHome);
    // the other partner's phone has the app in the background: pushes, not the socket, reach it
    const phone = `phone-${randomUUID()}`;
    const registered = await api('/api/v1/me/devices/phone', {
      token: other.token,
      method: 'PUT',
      json: { token: phone, platform: 'android' },
    });
    expect(registered.status).toBe(200);
    const sockets = await Promise.all(
      [demoPartner, other].map(async (partner) => {
        const socket = await connectWebSocket(zefy.baseUrl, partner.token);
        await socket.subscribe(channels.partner(partner.id));
        return socket;
      }),
    );
    const customerSocket = await connectWebSocket(zefy.baseUrl, customer.token);
    await customerSocket.subscribe(channels.user(customer.id));

    const booking = await paidNowBooking(zefy.baseUrl, customer);
    const offers = await Promise.all(
      [demoPartner, other].map((partner) => dispatch.offerOf(partner.token, booking.id)),
    );
    for (const [index, socket] of sockets.entries()) {
      const pushed = await socket.next(
        (message) => message.type === 'event' && message.event.type === 'dispatch.offers_sent',
      );
      const wave = eventsOf([pushed])[0];
      expect(wave?.type === 'dispatch.offers_sent' && wave.data.offers).toEqual([
        expect.objectContaining({ offerId: offers[index]?.offerId }),
      ]);
    }

    expect((await dispatch.accept(demoPartner.token, offers[0]!.offerId)).status).toBe(200);
    const late = await dispatch.accept(other.token, offers[1]!.offerId);
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: 'DISPATCH.OFFER_TAKEN' });
    await sockets[1]!.next(
      (message) =>
        message.type === 'event' &&
        message.event.type === 'dispatch.offers_withdrawn' &&
        message.event.data.reason === 'taken',
    );
    const assigned = await customerSocket.next(
      (message) => message.type === 'event' && message.event.type === 'booking.partner_assigned',
    );
    expect(eventsOf([assigned])[0]?.data).toMatchObject({
      partnerId: demoPartner.id,
      partner: { name: demoPartner.name, rating: 4.5 },
    });
    const view = await json<BookingView>(
      await api(`/api/v1/bookings/${booking.id}`, { token: customer.token }),
    );
    expect(view.partner).toMatchObject({
      id: demoPartner.id,
      name: demoPartner.name,
      phone: expect.any(String),
    });
    expect((await dispatch.jobs(demoPartner.token)).items.map((job) => job.bookingId)).toContain(booking.id);
    // the offer, then "taken" in its place on the lock screen; neither fills the partner's inbox
    await expect.poll(() => fcm.delivered(phone).length, { timeout: 15_000 }).toBe(2);
    expect(fcm.delivered(phone).map((send) => send.message)).toMatchObject([
      {
        notification: { title: `New job: ${service.name}` },
        data: { bookingId: booking.id, offerId: offers[1]!.offerId, kind: 'dispatch.offers_sent' },
        android: { priority: 'high', notification: { tag: `offer:${booking.id}` } },
      },
      {
        notification: { title: 'Job taken' },
        android: { notification: { tag: `offer:${booking.id}` } },
      },
    ]);
    const inbox = await json<NotificationPage>(await api('/api/v1/me/notifications', { token: other.token }));
    expect(inbox.items).toEqual([]);
    for (const socket of [...sockets, customerSocket]) socket.close();
    for (const partner of [demoPartner, other]) await dispatch.offDuty(partner.token);
  });

  it('escalates an unassigned booking to the admin console, then cancels it and refunds it in full, through to the ledger', async () => {
    const customer = await customerAtHome(zefy);
    // the demo partner has the previous job at this time: a partner of its own
    const partner = { id: randomUUID(), token: '' };
    partner.token = await approvedPartner(zefy, {
      id: partner.id,
      hubId: customer.address.hubId as string,
      skills: [service.id],
    });
    await dispatch.onDuty(partner.token, demoHome);
    const admin = await connectWebSocket(zefy.baseUrl, zefy.adminToken);
    await admin.subscribe(channels.admin);
    const booking = await paidNowBooking(zefy.baseUrl, customer);
    await dispatch.offerOf(partner.token, booking.id);
    const paymentId = (
      await eventually(async () => {
        const view = await json<BookingView>(
          await api(`/api/v1/bookings/${booking.id}`, { token: customer.token }),
        );
        if (!view.payment) throw new Error('not paid yet');
        return view.payment;
      })
    ).paymentId;

    clock.advance(181_000);
    const escalated = await admin.next(
      (message) =>
        message.type === 'event' &&
        message.event.type === 'dispatch.escalated' &&
        message.event.data.bookingId === booking.id,
    );
    expect(eventsOf([escalated])[0]?.data).toMatchObject({ offeredCount: 1, rejectedCount: 0 });
    expect((await dispatch.queue(zefy.adminToken)).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ bookingId: booking.id, isEscalated: true })]),
    );

    clock.advance(420_000);
    await eventually(async () => {
      const view = await json<BookingView>(
        await api(`/api/v1/bookings/${booking.id}`, { token: customer.token }),
      );
      expect(view).toMatchObject({
        status: 'refunded',
        refundedPaise: booking.price.totalPaise,
        // the customer's screen says no partner was found
        cancelledBy: 'system',
      });
    }, 20_000);
    const payment = await json<PaymentDetail>(
      await api(`/api/v1/admin/payments/${paymentId}`, { token: zefy.adminToken }),
    );
    expect(payment).toMatchObject({ refundedPaise: booking.price.totalPaise });
    expect(payment.ledger.map((line) => line.kind)).toEqual(
      expect.arrayContaining(['capture', 'refund_accepted', 'refund_processed']),
    );
    await expectBalancedLedger(payments);
    await eventually(async () => {
      const inbox = await json<NotificationPage>(
        await api('/api/v1/me/notifications', { token: customer.token }),
      );
      expect(inbox.items.map((item) => item.body)).toEqual(
        expect.arrayContaining([
          `We could not find a partner in time; your ${formatPaise(booking.price.totalPaise)} will be refunded in full.`,
        ]),
      );
    });
    admin.close();
    await dispatch.offDuty(partner.token);
  });
});
