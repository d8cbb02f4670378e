import { randomUUID } from 'node:crypto';
import type {
  Address,
  Availability,
  BookingView,
  EventEnvelope,
  PaymentOrder,
  ServerMessage,
} from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { seedDemoCity } from '@zefy/gateway';
import { createLogger } from '@zefy/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/api.ts';
import { type PaymentsDriver, paymentsDriver } from '../support/payments.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

// a short hold, so a payment can arrive after it lapsed; the sweeper runs often
const holdTtlSeconds = 2;
let zefy: TestPlatform;
let payments: PaymentsDriver;

const home = demoCity.locations.addresses.find((address) => address.label === 'Home') as {
  lat: number;
  lng: number;
};
const everyDay = [{ start: '00:00', end: '24:00' }];
const weekly = {
  mon: everyDay,
  tue: everyDay,
  wed: everyDay,
  thu: everyDay,
  fri: everyDay,
  sat: everyDay,
  sun: everyDay,
};

beforeAll(async () => {
  zefy = await startPlatform({
    serveWebApps: false,
    env: {
      BOOKING_HOLD_TTL_SECONDS: String(holdTtlSeconds),
      BOOKING_SWEEP_INTERVAL_MS: '100',
      // within the short hold: an order for another customer's hold waits this long before its 404
      PAYMENTS_HOLD_WAIT_MS: '300',
    },
  });
  payments = paymentsDriver(zefy);
  await seedDemoCity(zefy.platform.services, {
    logger: createLogger({ level: 'silent' }),
    dataDir: zefy.dataDir,
  });
});
afterAll(async () => {
  await payments?.close();
  await zefy?.stop();
});

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

/** A customer with an address near a demo home, known to booking, and a service whose hub partner works all week. */
async function scene(serviceIndex: number) {
  const service = demoCity.catalog.services[serviceIndex] as { id: string; name: string };
  const customer = await payments.customer();
  const address = await json<Address>(
    await payments.api('/api/v1/locations/addresses', {
      token: customer.token,
      idempotencyKey: randomUUID(),
      json: { label: 'Home', line1: '100 Feet Road', lat: home.lat, lng: home.lng },
    }),
  );
  const partner = demoCity.identity.partners.find(
    (candidate) => candidate.hubId === address.hubId && candidate.skills.includes(service.id),
  );
  if (!partner) throw new Error('demo data changed');
  const partnerToken = await zefy.tokenFor('partner', partner.id);
  await payments.api('/api/v1/partner/schedule', {
    method: 'PUT',
    token: partnerToken,
    json: { weekly, daysOff: [] },
  });
  const tomorrow = new Date(Date.now() + 24 * 3600_000).toLocaleDateString('en-CA', {
    timeZone: 'Asia/Kolkata',
  });
  const slots = await eventually(async () => {
    const response = await payments.api(
      `/api/v1/availability?serviceId=${service.id}&addressId=${address.id}&date=${tomorrow}`,
      { token: customer.token },
    );
    expect(response.status).toBe(200);
    const free = (await json<Availability>(response)).slots.filter((slot) => slot.available);
    expect(free.length).toBeGreaterThan(0);
    return free;
  }, 15_000);
  const hold = (token: string, addressId: string, idempotencyKey = randomUUID()) =>
    payments.api('/api/v1/holds', {
      token,
      idempotencyKey,
      json: { serviceId: service.id, addressId, window: { kind: 'slot', startsAt: slots[0]?.startsAt } },
    });
  return { service, customer, address, hold, hubId: address.hubId as string };
}

async function bookingOf(token: string, bookingId: string): Promise<BookingView> {
  return json<BookingView>(await payments.api(`/api/v1/bookings/${bookingId}`, { token }));
}

async function bookingEvents(bookingId: string, type: string): Promise<EventEnvelope[]> {
  const booking = zefy.platform.services.find((running) => running.module.name === 'booking');
  const { rows } = (await booking?.context.db.pool.query<{ envelope: EventEnvelope }>(
    `SELECT envelope FROM outbox WHERE type = $1 AND envelope->'data'->>'bookingId' = $2`,
    [type, bookingId],
  )) ?? { rows: [] };
  return rows.map((row) => row.envelope);
}

describe('payments and bookings, never loosely coupled', () => {
  it("lets only the hold's customer pay for it, and only its total", async () => {
    const { customer, address, hold } = await scene(3);
    const booking = await json<BookingView>(await hold(customer.token, address.id));
    const order = await json<PaymentOrder>(
      await payments.createOrder(customer.token, { holdId: booking.id }),
    );
    expect(order).toMatchObject({ customerId: customer.id, amountPaise: booking.price.totalPaise });
    const mallory = await payments.customer();
    const unknownHold = randomUUID();
    for (const holdId of [booking.id, unknownHold]) {
      const refused = await payments.createOrder(mallory.token, { holdId });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ code: 'PAYMENTS.HOLD_NOT_FOUND' });
    }
    expect(payments.sim.listOrders({ receipt: `hold_${unknownHold.replaceAll('-', '')}` })).toEqual([]);
    const receipt = `hold_${booking.id.replaceAll('-', '')}`;
    expect(payments.sim.listOrders({ receipt }).map((created) => created.amount)).toEqual([
      booking.price.totalPaise,
    ]);
    const cheap = await payments.api('/api/v1/payments/orders', {
      token: customer.token,
      idempotencyKey: randomUUID(),
      json: { holdId: booking.id, amountPaise: 100 },
    });
    expect(cheap.status).toBe(400);

    const returned = await payments.payOnCheckoutPage(order, 'success');
    expect((await payments.verify(customer.token, order, returned.params)).status).toBe(200);
    await eventually(
      async () => expect((await bookingOf(customer.token, booking.id)).status).toBe('confirmed'),
      15_000,
    );
    // payments hears of the confirmation (or of the short hold's expiry) through booking's events
    await eventually(async () => {
      const closed = await payments.createOrder(customer.token, { holdId: booking.id });
      expect(closed.status).toBe(409);
      expect(['PAYMENTS.HOLD_CLOSED', 'PAYMENTS.HOLD_EXPIRED']).toContain(
        ((await closed.json()) as { code: string }).code,
      );
    }, 15_000);
  });

  it('refunds a payment made after the hold expired and its slot was taken, and tells the customer why', async () => {
    const { customer, address, hold, hubId } = await scene(1);
    const late = await json<BookingView>(await hold(customer.token, address.id));
    const order = await json<PaymentOrder>(await payments.createOrder(customer.token, { holdId: late.id }));
    const socket = await connectWebSocket(zefy.baseUrl, customer.token);
    await socket.subscribe(`user:${customer.id}`);

    // the hold lapses (the sweeper expires it) and another customer takes the slot
    await eventually(
      async () => expect((await bookingOf(customer.token, late.id)).status).toBe('expired'),
      15_000,
    );
    const rival = await payments.customer();
    const rivalAddress = await json<Address>(
      await payments.api('/api/v1/locations/addresses', {
        token: rival.token,
        idempotencyKey: randomUUID(),
        json: { label: 'Home', line1: '80 Feet Road', lat: home.lat, lng: home.lng },
      }),
    );
    expect(rivalAddress.hubId).toBe(hubId);
    await eventually(async () => expect((await hold(rival.token, rivalAddress.id)).status).toBe(201), 15_000);

    // now the first customer pays on the checkout page
    const returned = await payments.payOnCheckoutPage(order, 'success');
    expect((await payments.verify(customer.token, order, returned.params)).status).toBe(200);

    const told = await socket.next(
      (message: ServerMessage) =>
        message.type === 'event' &&
        message.event.type === 'booking.rejected' &&
        (message.event.data as { bookingId: string }).bookingId === late.id,
      15_000,
    );
    expect(told).toMatchObject({
      event: { data: { reason: 'hold_expired', amountPaise: late.price.totalPaise } },
    });
    await eventually(async () => {
      const booking = await bookingOf(customer.token, late.id);
      expect(booking).toMatchObject({ status: 'refunded', refundedPaise: late.price.totalPaise });
    }, 20_000);
    expect(await bookingEvents(late.id, 'booking.confirmed')).toEqual([]);
    expect(await bookingEvents(late.id, 'booking.payment_rejected')).toHaveLength(1);
    const ledger = await payments.ledger();
    expect(ledger).toMatchObject({ isBalanced: true });
    socket.close();
  });

  it('makes one hold, one order and one charge of the same keys sent twice at once, and confirms once', async () => {
    const { customer, address, hold } = await scene(2);
    const holdKey = randomUUID();
    const [first, second] = await Promise.all([
      hold(customer.token, address.id, holdKey),
      hold(customer.token, address.id, holdKey),
    ]);
    const statuses = [first.status, second.status].sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const booking = await json<BookingView>(first.status === 201 ? first : second);
    const replay = await hold(customer.token, address.id, holdKey);
    expect((await json<BookingView>(replay)).id).toBe(booking.id);

    const orderKey = randomUUID();
    const body = { holdId: booking.id };
    const orders = await Promise.all([
      payments.createOrder(customer.token, body, orderKey),
      payments.createOrder(customer.token, body, orderKey),
    ]);
    const order = await json<PaymentOrder>(orders.find((response) => response.status === 201) as Response);
    const again = await json<PaymentOrder>(await payments.createOrder(customer.token, body, orderKey));
    expect(again.id).toBe(order.id);

    const returned = await payments.payOnCheckoutPage(order, 'success');
    // the app's callback arrives twice at once, and the webhook too
    const verifications = await Promise.all([
      payments.verify(customer.token, order, returned.params),
      payments.verify(customer.token, order, returned.params),
    ]);
    expect(verifications.some((response) => response.status === 200)).toBe(true);
    // authorized, captured and order.paid: the webhook reports the capture as well
    await payments.allDelivered(returned.params.razorpay_payment_id as string, 3);
    await eventually(
      async () => expect((await bookingOf(customer.token, booking.id)).status).toBe('confirmed'),
      15_000,
    );

    expect(
      await payments.published('payment.captured', returned.params.razorpay_payment_id as string),
    ).toHaveLength(1);
    expect(await bookingEvents(booking.id, 'booking.confirmed')).toHaveLength(1);
    const { rows } = (await zefy.platform.services
      .find((running) => running.module.name === 'booking')
      ?.context.db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM bookings WHERE customer_id = $1',
        [customer.id],
      )) ?? { rows: [] };
    expect(rows[0]?.n).toBe(1);
    const detail = await json<{ payments: Array<{ status: string }> }>(
      await payments.api(`/api/v1/admin/bookings/${booking.id}`, { token: zefy.adminToken }),
    );
    expect(detail.payments.map((payment) => payment.status)).toEqual(['captured']);
  });
});
