import { randomUUID } from 'node:crypto';
import type { BookingView, EventEnvelope } from '@zefy/contracts';
import { MalformedEventError, newId } from '@zefy/platform';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startBookingHarness } from '../../test/booking-harness.ts';
import { emptyWeek } from '../schedule/schedule.ts';
import { paymentSubscriptions } from './payments.consumers.ts';

const harness = await startBookingHarness({
  databaseUrl: inject('databaseUrl'),
  redisUrl: process.env.REDIS_URL,
});
afterAll(() => harness.stop());

const tuesdayTen = '2026-03-03T04:30:00.000Z';
const week = {
  ...emptyWeek(),
  mon: [{ start: '08:00', end: '20:00' }],
  tue: [{ start: '08:00', end: '20:00' }],
};

async function scene() {
  const hub = await harness.seedHub();
  const service = await harness.seedService();
  const partner = await harness.seedPartner({ hubId: hub.id, skills: [service.id] });
  await harness.seedSchedule(partner.id, { weekly: week, daysOff: [] });
  return { hub, service };
}

async function hold(hubId: string, serviceId: string): Promise<BookingView & { token: string }> {
  const customerId = newId();
  const address = await harness.seedAddress({ customerId, hubId });
  const token = await harness.tokenFor('customer', customerId);
  const response = await harness.request('POST', '/api/v1/holds', {
    token,
    idempotencyKey: randomUUID(),
    body: { serviceId, addressId: address.id, window: { kind: 'slot', startsAt: tuesdayTen } },
  });
  expect(response.status).toBe(201);
  return { ...(response.body as unknown as BookingView), token };
}

/** An event as the payments service publishes it (packages/contracts/src/events/payments.ts). */
const paymentEvent = (type: string, data: Record<string, unknown>): EventEnvelope => ({
  id: newId(),
  type,
  version: 1,
  occurredAt: harness.clock.now().toISOString(),
  correlationId: newId(),
  causationId: null,
  actor: { kind: 'system', id: 'payments' },
  data,
});

const orderCreated = (order: { orderId: string; holdId: string; customerId: string; amountPaise: number }) =>
  paymentEvent('payment.order_created', {
    ...order,
    razorpayOrderId: `order_${randomUUID().slice(0, 14)}`,
    currency: 'INR',
  });

const deliver = async (event: EventEnvelope) => {
  const [subscription] = paymentSubscriptions(harness.service.deps);
  await subscription?.handler(event, { attempt: 1, redelivered: false });
};

function payment(booking: BookingView, overrides: Record<string, unknown> = {}) {
  return {
    paymentId: newId(),
    orderId: newId(),
    holdId: booking.id,
    customerId: booking.customerId,
    razorpayPaymentId: `pay_${randomUUID().slice(0, 14)}`,
    razorpayOrderId: `order_${randomUUID().slice(0, 14)}`,
    amountPaise: booking.price.totalPaise,
    currency: 'INR',
    method: 'upi',
    verifiedBy: 'checkout',
    capturedAt: harness.clock.now().toISOString(),
    ...overrides,
  };
}

const view = async (booking: BookingView & { token: string }) =>
  (await harness.request('GET', `/api/v1/bookings/${booking.id}`, { token: booking.token })).body;

const outbox = async (bookingId: string) => {
  const { rows } = await harness.service.context.db.pool.query<{ envelope: EventEnvelope }>(
    `SELECT envelope FROM outbox WHERE envelope->'data'->>'bookingId' = $1 ORDER BY created_at, id`,
    [bookingId],
  );
  return rows.map((row) => row.envelope);
};

describe('payments drive the booking', () => {
  it('awaits payment for the order, confirms on capture once however often it is delivered, and records the payment', async () => {
    const { hub, service } = await scene();
    const booking = await hold(hub.id, service.id);
    const paid = payment(booking);
    await deliver(
      orderCreated({
        orderId: paid.orderId,
        holdId: booking.id,
        customerId: booking.customerId,
        amountPaise: paid.amountPaise,
      }),
    );
    expect(await view(booking)).toMatchObject({ status: 'awaiting_payment', orderId: paid.orderId });
    const captured = paymentEvent('payment.captured', paid);
    await deliver(captured);
    await deliver(captured);
    expect(await view(booking)).toMatchObject({
      status: 'confirmed',
      payment: { paymentId: paid.paymentId },
    });
    expect((await outbox(booking.id)).filter((event) => event.type === 'booking.confirmed')).toHaveLength(1);
    const admin = await harness.tokenFor('admin', newId());
    const detail = await harness.request('GET', `/api/v1/admin/bookings/${booking.id}`, { token: admin });
    expect(detail.body.payments).toEqual([
      expect.objectContaining({
        paymentId: paid.paymentId,
        status: 'captured',
        method: 'upi',
        amountPaise: paid.amountPaise,
      }),
    ]);
  });

  it('lets a failed attempt be retried, then confirms', async () => {
    const { hub, service } = await scene();
    const booking = await hold(hub.id, service.id);
    const failed = payment(booking);
    await deliver(
      paymentEvent('payment.failed', {
        ...failed,
        errorDescription: 'Card declined',
        errorReason: 'payment_failed',
        errorCode: 'BAD_REQUEST_ERROR',
        failedAt: harness.clock.now().toISOString(),
      }),
    );
    expect(await view(booking)).toMatchObject({ status: 'payment_failed' });
    await deliver(paymentEvent('payment.captured', payment(booking, { orderId: failed.orderId })));
    expect(await view(booking)).toMatchObject({ status: 'confirmed' });
  });

  it('refunds a payment captured after the hold expired and the slot went to someone else, and tells the customer', async () => {
    const { hub, service } = await scene();
    const late = await hold(hub.id, service.id);
    harness.clock.advance(601_000);
    await hold(hub.id, service.id);
    // an order opened after expiry changes nothing
    await deliver(
      orderCreated({
        orderId: newId(),
        holdId: late.id,
        customerId: late.customerId,
        amountPaise: late.price.totalPaise,
      }),
    );
    const paid = payment(late);
    await deliver(paymentEvent('payment.captured', paid));
    expect(await view(late)).toMatchObject({ status: 'rejected' });
    const events = await outbox(late.id);
    expect(events.find((event) => event.type === 'booking.payment_rejected')?.data).toMatchObject({
      paymentId: paid.paymentId,
      amountPaise: late.price.totalPaise,
      reason: 'hold_expired',
    });
    expect(events.find((event) => event.type === 'booking.rejected')?.data).toMatchObject({
      reason: 'hold_expired',
    });

    await deliver(
      paymentEvent('payment.refunded', {
        ...paid,
        refundId: newId(),
        razorpayRefundId: 'rfnd_x',
        refundedPaise: paid.amountPaise,
        capturedPaise: paid.amountPaise,
        isFullyRefunded: true,
        reason: 'booking.payment_rejected: hold_expired',
        processedAt: harness.clock.now().toISOString(),
      }),
    );
    expect(await view(late)).toMatchObject({
      status: 'refunded',
      refundedPaise: late.price.totalPaise,
      cancelledBy: null,
    });
    harness.clock.advance(-601_000);
  });

  it('refuses an order opened for another customer, and sends their payment back without confirming', async () => {
    const { hub, service } = await scene();
    const booking = await hold(hub.id, service.id);
    const intruder = payment(booking, { customerId: newId() });
    await deliver(
      orderCreated({
        orderId: intruder.orderId,
        holdId: booking.id,
        customerId: intruder.customerId,
        amountPaise: intruder.amountPaise,
      }),
    );
    expect(await view(booking)).toMatchObject({ status: 'held', orderId: null });
    await deliver(paymentEvent('payment.captured', intruder));
    expect(await view(booking)).toMatchObject({ status: 'held', payment: null });
    const rejected = (await outbox(booking.id)).filter((event) => event.type === 'booking.payment_rejected');
    expect(rejected.map((event) => event.data)).toEqual([
      expect.objectContaining({
        paymentId: intruder.paymentId,
        amountPaise: intruder.amountPaise,
        reason: 'payer_not_customer',
      }),
    ]);
    // the hold's own customer still pays for it
    await deliver(paymentEvent('payment.captured', payment(booking)));
    expect(await view(booking)).toMatchObject({ status: 'confirmed' });
  });

  it('sends back money captured for a hold that does not exist', async () => {
    const ghost = { id: newId(), customerId: newId(), price: { totalPaise: 12_345 } } as BookingView;
    const paid = payment(ghost);
    await deliver(paymentEvent('payment.captured', paid));
    const [rejected] = await outbox(ghost.id);
    expect(rejected).toMatchObject({
      type: 'booking.payment_rejected',
      data: { paymentId: paid.paymentId, amountPaise: 12_345, reason: 'booking_closed' },
    });
  });

  it('fails loudly on an event it cannot read, so the bus retries and then dead-letters it', async () => {
    await expect(deliver(paymentEvent('payment.captured', { holdId: 'x' }))).rejects.toThrow(
      MalformedEventError,
    );
  });
});
