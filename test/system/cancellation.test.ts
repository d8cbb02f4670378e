import { randomUUID } from 'node:crypto';
import type {
  AdminBookingDetail,
  BookingView,
  CancellationQuote,
  PaymentDetail,
  PaymentOrder,
} from '@zefy/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually, json, problemOf } from '../support/api.ts';
import { cancelBooking, holdFor, paidBookingFor } from '../support/booking.ts';
import { payOnCheckoutPage } from '../support/checkout.ts';
import { acceptedJob } from '../support/dispatch.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;
beforeAll(async () => {
  zefy = await startPlatform({
    serveWebApps: false,
    env: {
      RATE_LIMIT_PER_MINUTE: '1000000',
      BOOKING_DISPATCH_FIRST_WAVE_SIZE: '1000',
      BOOKING_CANCEL_FEE: '5000',
      BOOKING_CANCEL_NO_REFUND_AFTER_MINUTES: '10',
    },
  });
  api = apiAt(zefy.baseUrl);
});
afterAll(async () => {
  await zefy?.stop();
});

const customerToken = (booking: BookingView) => zefy.tokenFor('customer', booking.customerId);
const quoteOf = (token: string, bookingId: string) =>
  api(`/api/v1/bookings/${bookingId}/cancellation`, { token });
const cancelAs = (token: string, bookingId: string) => cancelBooking(zefy.baseUrl, token, bookingId);
const adminCancel = (bookingId: string, body: unknown, idempotencyKey: string | true = true) =>
  api(`/api/v1/admin/bookings/${bookingId}/cancel`, {
    method: 'POST',
    token: zefy.adminToken,
    idempotencyKey,
    json: body,
  });
const noShow = (bookingId: string, absent: 'customer' | 'partner') =>
  api(`/api/v1/admin/bookings/${bookingId}/no-show`, {
    method: 'POST',
    token: zefy.adminToken,
    idempotencyKey: true,
    json: { absent, reason: 'waited 20 minutes' },
  });

/** What payments refunded of the booking's payment, once the refund went round (payments → booking). */
async function refundedOf(bookingId: string, expectedPaise: number) {
  const detail = await eventually(async () => {
    const found = await json<AdminBookingDetail>(
      await api(`/api/v1/admin/bookings/${bookingId}`, { token: zefy.adminToken }),
    );
    if (found.booking.refundedPaise !== expectedPaise)
      throw new Error(`refunded ${found.booking.refundedPaise}, not ${expectedPaise}`);
    return found;
  }, 15_000);
  const payment = await json<PaymentDetail>(
    await api(`/api/v1/admin/payments/${detail.booking.payment?.paymentId}`, { token: zefy.adminToken }),
  );
  return { detail, payment };
}

/** A booking that `partnerId` accepted, as its customer sees it. */
async function assignedBooking() {
  const customer = { role: 'customer' as const, id: randomUUID() };
  const { bookingId } = await acceptedJob(zefy, randomUUID(), customer);
  const token = await zefy.tokenFor('customer', customer.id);
  const booking = await eventually(async () => {
    const found = await json<BookingView>(await api(`/api/v1/bookings/${bookingId}`, { token }));
    if (found.status !== 'assigned') throw new Error(`booking is ${found.status}`);
    return found;
  });
  return { booking, token };
}

/** A hold of a new customer's whose slot no other partner is free for: the slot is full. */
async function holdOfAFullSlot() {
  const customer = { role: 'customer' as const, id: randomUUID() };
  const first = await holdFor(zefy, customer);
  // take every other partner's time at that hour, so only the first hold's time is left to free
  for (let taken = 0; taken < 20; taken += 1) {
    const other = await holdFor(zefy, { role: 'customer', id: randomUUID() });
    if (other.window.startsAt !== first.window.startsAt) break;
  }
  return { first, token: await zefy.tokenFor('customer', customer.id) };
}

/** A hold of `token`'s customer at their first address for the same service and slot as `hold`. */
const holdSameSlot = (token: string, hold: BookingView, addressId = hold.addressId) =>
  api('/api/v1/holds', {
    method: 'POST',
    token,
    idempotencyKey: true,
    json: {
      serviceId: hold.serviceId,
      addressId,
      window: { kind: 'slot', startsAt: hold.window.startsAt },
    },
  });

const openOrder = async (token: string, hold: BookingView) =>
  json<PaymentOrder>(
    await api('/api/v1/payments/orders', {
      method: 'POST',
      token,
      idempotencyKey: true,
      json: { holdId: hold.id },
    }),
    201,
  );

const bookingOf = async (token: string, bookingId: string) =>
  json<BookingView>(await api(`/api/v1/bookings/${bookingId}`, { token }));

describe('a failed or abandoned payment', () => {
  it('lets the time go at once when the payment fails, for anyone to book', async () => {
    const { first, token } = await holdOfAFullSlot();
    // someone else, with a hold of their own elsewhere (and so an address the hub serves)
    const otherCustomer = { role: 'customer' as const, id: randomUUID() };
    const elsewhere = await holdFor(zefy, otherCustomer);
    const otherToken = await zefy.tokenFor('customer', otherCustomer.id);
    expect((await problemOf(await holdSameSlot(otherToken, first, elsewhere.addressId))).code).toBe(
      'BOOKING.NO_CAPACITY',
    );
    await payOnCheckoutPage(zefy.baseUrl, await openOrder(token, first), 'failure');
    await eventually(async () => {
      const found = await bookingOf(token, first.id);
      if (found.status !== 'payment_failed') throw new Error(`hold is ${found.status}`);
    }, 15_000);
    const taken = await json<BookingView>(await holdSameSlot(otherToken, first, elsewhere.addressId), 201);
    expect(taken.window.startsAt).toBe(first.window.startsAt);
  });

  it('lets the customer who abandoned checkout hold the same slot again at once, in place of the old hold', async () => {
    const { first, token } = await holdOfAFullSlot();
    const abandoned = await payOnCheckoutPage(zefy.baseUrl, await openOrder(token, first), 'abandon');
    expect(abandoned.params['error[reason]']).toBe('payment_cancelled');
    const again = await json<BookingView>(await holdSameSlot(token, first), 201);
    expect(again.window.startsAt).toBe(first.window.startsAt);
    expect(await bookingOf(token, first.id)).toMatchObject({ status: 'cancelled', cancelledBy: 'customer' });
  });
});

describe('a customer cancelling', () => {
  it('is told it is free before a partner is assigned, and gets everything back', async () => {
    const booking = await paidBookingFor(zefy);
    const token = await customerToken(booking);
    const paid = booking.payment?.amountPaise ?? 0;
    const quote = await json<CancellationQuote>(await quoteOf(token, booking.id));
    expect(quote).toMatchObject({ rule: 'free', paidPaise: paid, feePaise: 0, refundPaise: paid });
    expect(quote.text).toContain('free');
    await json<BookingView>(await cancelAs(token, booking.id));
    const { detail, payment } = await refundedOf(booking.id, paid);
    expect(detail.booking).toMatchObject({ status: 'refunded', cancelledBy: 'customer' });
    expect(payment.refundedPaise).toBe(paid);
  });

  it('is told the fee once a partner is assigned, and is refunded exactly the rest, once', async () => {
    const { booking, token } = await assignedBooking();
    const paid = booking.payment?.amountPaise ?? 0;
    const quote = await json<CancellationQuote>(await quoteOf(token, booking.id));
    expect(quote).toMatchObject({ rule: 'fee', feePaise: 5000, refundPaise: paid - 5000 });
    expect(quote.text).toContain('₹50');
    const key = randomUUID();
    const cancel = () =>
      api(`/api/v1/bookings/${booking.id}/cancel`, {
        method: 'POST',
        token,
        idempotencyKey: key,
        json: { reason: 'plans changed' },
      });
    await json<BookingView>(await cancel());
    expect((await cancel()).headers.get('idempotent-replayed')).toBe('true');
    // without the key, a second cancel changes nothing either
    await json<BookingView>(await cancelAs(token, booking.id));
    const { detail, payment } = await refundedOf(booking.id, paid - 5000);
    expect(detail.booking.status).toBe('refunded');
    expect(payment.refundedPaise).toBe(paid - 5000);
    expect(detail.timeline.filter((entry) => entry.type === 'booking.cancelled')).toHaveLength(1);
    expect(detail.timeline.find((entry) => entry.type === 'booking.cancelled')?.data).toMatchObject({
      rule: 'fee',
      feePaise: 5000,
      refundDuePaise: paid - 5000,
    });
    // nothing left to cancel: the quote says so
    expect((await problemOf(await quoteOf(token, booking.id))).code).toBe('BOOKING.TRANSITION_NOT_ALLOWED');
  });

  it("cannot see or cancel another customer's booking, nor choose a refund", async () => {
    const booking = await paidBookingFor(zefy);
    const stranger = await zefy.tokenFor('customer', randomUUID());
    expect((await quoteOf(stranger, booking.id)).status).toBe(404);
    expect((await cancelAs(stranger, booking.id)).status).toBe(404);
    const own = await customerToken(booking);
    const chosen = await api(`/api/v1/admin/bookings/${booking.id}/cancel`, {
      method: 'POST',
      token: own,
      idempotencyKey: true,
      json: { reason: 'give me everything', refund: { kind: 'full' } },
    });
    expect(chosen.status).toBe(403);
    const still = await json<BookingView>(await api(`/api/v1/bookings/${booking.id}`, { token: own }));
    expect(still.status).toBe('confirmed');
  });
});

describe('the team resolving a booking', () => {
  it('refuses a refund larger than what was paid, then refunds the sum it chose, once', async () => {
    const { booking } = await assignedBooking();
    const paid = booking.payment?.amountPaise ?? 0;
    const tooMuch = await adminCancel(booking.id, {
      reason: 'goodwill',
      refund: { kind: 'custom', amountPaise: paid + 1 },
    });
    expect(await problemOf(tooMuch)).toEqual({
      status: 400,
      contentType: expect.stringMatching(/^application\/problem\+json/),
      code: 'BOOKING.REFUND_EXCEEDS_PAID',
    });
    const key = randomUUID();
    const body = { reason: 'goodwill', refund: { kind: 'custom', amountPaise: 12_345 } };
    await json<BookingView>(await adminCancel(booking.id, body, key));
    expect((await adminCancel(booking.id, body, key)).headers.get('idempotent-replayed')).toBe('true');
    const { detail, payment } = await refundedOf(booking.id, 12_345);
    expect(payment.refundedPaise).toBe(12_345);
    expect(detail.booking.cancelledBy).toBe('admin');
    const cancelled = detail.timeline.filter((entry) => entry.type === 'booking.cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({
      actor: { kind: 'admin' },
      data: { refundBasis: 'custom', refundDuePaise: 12_345, reason: 'goodwill' },
    });
  });

  it('refunds in full by default', async () => {
    const { booking } = await assignedBooking();
    const paid = booking.payment?.amountPaise ?? 0;
    await json<BookingView>(await adminCancel(booking.id, { reason: 'customer called' }));
    expect((await refundedOf(booking.id, paid)).detail.booking.status).toBe('refunded');
  });

  it('records an absent partner with everything back, and an absent customer only at the door', async () => {
    const { booking } = await assignedBooking();
    const paid = booking.payment?.amountPaise ?? 0;
    expect((await problemOf(await noShow(booking.id, 'customer'))).code).toBe(
      'BOOKING.TRANSITION_NOT_ALLOWED',
    );
    await json<BookingView>(await noShow(booking.id, 'partner'));
    const { detail } = await refundedOf(booking.id, paid);
    expect(detail.timeline.find((entry) => entry.type === 'booking.cancelled')?.data).toMatchObject({
      noShow: 'partner',
      refundBasis: 'full',
    });
  });
});
