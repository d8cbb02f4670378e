import { randomUUID } from 'node:crypto';
import type {
  AdminBookingDetail,
  BookingOtps,
  BookingReceipt,
  BookingView,
  JobProgress,
  PaymentOrder,
} from '@zefy/contracts';
import { ManualClock } from '@zefy/platform';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { holdFor } from '../support/booking.ts';
import { payOnCheckoutPage, verifyPayment } from '../support/checkout.ts';
import { acceptedJob, dispatchAt } from '../support/dispatch.ts';
import { expectBalancedLedger, type PaymentsDriver, paymentsDriver } from '../support/payments.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// the job's timer runs on the server's clock: moved by hand to run over the included time
const clock = new ManualClock(new Date());
let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;
let pay: PaymentsDriver;
let bookingDb: pg.Pool;
beforeAll(async () => {
  zefy = await startPlatform({
    serveWebApps: false,
    clock,
    env: { RATE_LIMIT_PER_MINUTE: '1000000', BOOKING_DISPATCH_FIRST_WAVE_SIZE: '1000' },
  });
  api = apiAt(zefy.baseUrl);
  pay = paymentsDriver(zefy);
  bookingDb = new pg.Pool({
    connectionString: zefy.platform.infra.databaseUrl,
    options: '-c search_path=booking',
    max: 1,
  });
});
afterAll(async () => {
  await bookingDb?.end();
  await pay?.close();
  await zefy?.stop();
});

const json = async <T>(response: Response, status = 200): Promise<T> => {
  if (response.status !== status)
    throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};
async function expectProblem(response: Response, status: number, code?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = (await response.json()) as { code: string; type: string };
  if (code) expect(problem.code).toBe(code);
  return problem;
}

const refund = (
  bookingId: string,
  body: unknown,
  idempotencyKey: string | true = true,
  token = zefy.adminToken,
) =>
  api(`/api/v1/admin/bookings/${bookingId}/refunds`, { method: 'POST', token, idempotencyKey, json: body });
const adjust = (bookingId: string, body: unknown, token = zefy.adminToken) =>
  api(`/api/v1/admin/bookings/${bookingId}/extra`, {
    method: 'POST',
    token,
    idempotencyKey: true,
    json: body,
  });
const detailOf = async (bookingId: string) =>
  json<AdminBookingDetail>(await api(`/api/v1/admin/bookings/${bookingId}`, { token: zefy.adminToken }));
const viewOf = async (token: string, bookingId: string) =>
  json<BookingView>(await api(`/api/v1/bookings/${bookingId}`, { token }));

/** A job of a new customer's, started and ended 346 minutes later: 31 over its included time and grace. */
async function jobAwaitingExtra() {
  const customerId = randomUUID();
  const { bookingId, token: partnerToken } = await acceptedJob(zefy, randomUUID(), {
    role: 'customer',
    id: customerId,
  });
  const customerToken = await zefy.tokenFor('customer', customerId);
  const dispatch = dispatchAt(zefy.baseUrl);
  expect((await dispatch.onMyWay(partnerToken, bookingId)).status).toBe(200);
  expect((await dispatch.arrived(partnerToken, bookingId)).status).toBe(200);
  const codes = await eventually(async () => {
    const issued = await json<BookingOtps>(
      await api(`/api/v1/bookings/${bookingId}/otps`, { token: customerToken }),
    );
    if (!issued.start || !issued.end) throw new Error('no codes yet');
    return { start: issued.start.code, end: issued.end.code };
  });
  const enter = (kind: 'start' | 'end', otp: string) =>
    api(`/api/v1/partner/jobs/${bookingId}/${kind}`, { method: 'POST', token: partnerToken, json: { otp } });
  await json<JobProgress>(await enter('start', codes.start));
  clock.advance(346 * 60_000);
  const ended = await json<JobProgress>(await enter('end', codes.end));
  expect(ended.status).toBe('awaiting_extra_payment');
  return { bookingId, customerToken, view: await viewOf(customerToken, bookingId) };
}

const openOrder = (token: string, payableId: string) =>
  api('/api/v1/payments/orders', {
    method: 'POST',
    token,
    idempotencyKey: true,
    json: { holdId: payableId },
  });

async function payExtra(customerToken: string, view: BookingView) {
  const order = await json<PaymentOrder>(await openOrder(customerToken, view.job?.extraPayableId ?? ''), 201);
  expect(order.amountPaise).toBe(view.job?.extraDuePaise);
  const back = await payOnCheckoutPage(zefy.baseUrl, order, 'success');
  await json(await verifyPayment(zefy.baseUrl, customerToken, order, back.params));
  return eventually(async () => {
    const found = await viewOf(customerToken, view.id);
    if (found.status !== 'completed') throw new Error(`still ${found.status}`);
    return found;
  });
}

/**
 * The booking's detail once the refunds went round: payments refunded `expectedPaise` of its payments, and
 * booking has counted every one of those refunds (each part's event reaches booking on its own).
 */
const refundedOf = (bookingId: string, expectedPaise: number) =>
  eventually(async () => {
    const detail = await detailOf(bookingId);
    const refunded = detail.payments.reduce((sum, payment) => sum + payment.refundedPaise, 0);
    if (refunded !== expectedPaise) throw new Error(`payments refunded ${refunded}, not ${expectedPaise}`);
    if (detail.booking.refundedPaise !== expectedPaise)
      throw new Error(`booking counted ${detail.booking.refundedPaise} refunded, not ${expectedPaise}`);
    return detail;
  }, 20_000);

describe('the team adjusting an extra charge and refunding in part', () => {
  it('lowers the extra, takes its payment, refunds across both payments once, never past what was paid', {
    timeout: 120_000,
  }, async () => {
    const { bookingId, customerToken, view } = await jobAwaitingExtra();
    const due = view.job?.extraDuePaise ?? 0;
    const oldPayable = view.job?.extraPayableId ?? '';
    expect(due).toBeGreaterThan(1000);

    // lowered before it is paid: the customer owes the new amount, through a new payable
    const lowered = await json<BookingView>(
      await adjust(bookingId, { amountPaise: due - 1000, reason: 'our mop broke' }),
    );
    expect(lowered).toMatchObject({ status: 'awaiting_extra_payment', job: { extraDuePaise: due - 1000 } });
    expect(lowered.job?.extraPayableId).not.toBe(oldPayable);
    expect((await viewOf(customerToken, bookingId)).job?.extraDuePaise).toBe(due - 1000);
    await eventually(async () => expect((await openOrder(customerToken, oldPayable)).status).toBe(409));
    const completed = await payExtra(customerToken, lowered);
    const paid = (completed.payment?.amountPaise ?? 0) + due - 1000;

    // across both payments: all of the first and 500 of the extra
    const key = randomUUID();
    const firstRefund = (completed.payment?.amountPaise ?? 0) + 500;
    await json<BookingView>(await refund(bookingId, { amountPaise: firstRefund, reason: 'stain left' }, key));
    const replayed = await refund(bookingId, { amountPaise: firstRefund, reason: 'stain left' }, key);
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    let detail = await refundedOf(bookingId, firstRefund);
    expect(detail.booking.refundedPaise).toBe(firstRefund);
    expect(detail.refundablePaise).toBe(paid - firstRefund);
    expect(detail.payments.map((payment) => payment.refundedPaise)).toEqual([firstRefund - 500, 500]);
    expect(detail.timeline.map((entry) => entry.type)).toEqual(
      expect.arrayContaining(['booking.extra_adjusted', 'booking.refund_granted']),
    );

    // more than is left is refused, and nothing is granted
    await expectProblem(
      await refund(bookingId, { amountPaise: paid - firstRefund + 1, reason: 'too much' }),
      400,
      'BOOKING.REFUND_EXCEEDS_PAID',
    );
    // two at once, each more than half of what is left: one is granted, the other refused
    const left = paid - firstRefund;
    const share = Math.floor(left / 2) + 1;
    const racing = await Promise.all([
      refund(bookingId, { amountPaise: share, reason: 'race a' }),
      refund(bookingId, { amountPaise: share, reason: 'race b' }),
    ]);
    expect(racing.map((response) => response.status).sort()).toEqual([200, 400]);
    detail = await refundedOf(bookingId, firstRefund + share);
    expect(detail.refundablePaise).toBe(left - share);
    const grants = detail.timeline.filter((entry) => entry.type === 'booking.refund_granted');
    expect(grants).toHaveLength(2);
    await eventually(() => expectBalancedLedger(pay), 15_000);
  });

  it('completes the booking at once when the extra is waived, with its tax invoice', {
    timeout: 60_000,
  }, async () => {
    const { bookingId, customerToken, view } = await jobAwaitingExtra();
    // the customer opened checkout for the old amount before the team waived it
    const oldOrder = await json<PaymentOrder>(
      await openOrder(customerToken, view.job?.extraPayableId ?? ''),
      201,
    );
    const waived = await json<BookingView>(await adjust(bookingId, { amountPaise: 0, reason: 'goodwill' }));
    expect(waived).toMatchObject({ status: 'completed', job: { extraDuePaise: 0, extraPaidPaise: 0 } });
    await eventually(async () =>
      expect((await openOrder(customerToken, view.job?.extraPayableId ?? '')).status).toBe(409),
    );
    // paid anyway, late: it is the booking's, owed nothing, so it all goes back
    const back = await payOnCheckoutPage(zefy.baseUrl, oldOrder, 'success');
    await verifyPayment(zefy.baseUrl, customerToken, oldOrder, back.params);
    const late = await eventually(async () => {
      const found = await detailOf(bookingId);
      const payment = found.payments.find((candidate) => candidate.orderId === oldOrder.id);
      if (payment?.refundedPaise !== oldOrder.amountPaise)
        throw new Error('the late payment is not refunded yet');
      return found;
    }, 20_000);
    expect(late.booking.status).toBe('completed');
    expect(late.timeline.map((entry) => entry.type)).toContain('booking.payment_rejected');
    const receipt = await json<BookingReceipt>(
      await api(`/api/v1/bookings/${bookingId}/receipt`, { token: customerToken }),
    );
    expect(receipt.invoice?.number).toMatch(/^[A-Z0-9]{3,4}\/\d{4}\/\d{6}$/);
    expect(receipt.invoice?.sac).toMatch(/^\d{6}$/);
    expect(receipt.issuer?.gstin).toMatch(/^29/);
    // the issuer is the hub's registration when invoiced: a later edit of the hub changes no invoice
    const other = {
      legalName: 'Another Legal Name Private Limited',
      gstin: '29AAGCB7383J1Z4',
      registeredAddress: 'Somewhere else, Bengaluru',
    };
    const edited = await api(`/api/v1/locations/hubs/${view.hubId}`, {
      method: 'PATCH',
      token: zefy.adminToken,
      json: { taxIdentity: other },
    });
    expect(edited.status).toBe(200);
    const holdReceipt = async () => {
      const customer = randomUUID();
      const token = await zefy.tokenFor('customer', customer);
      const hold = await holdFor(zefy, { role: 'customer', id: customer });
      return json<BookingReceipt>(await api(`/api/v1/bookings/${hold.id}/receipt`, { token }));
    };
    // a booking not yet invoiced shows the registration as it is now
    await eventually(async () => expect((await holdReceipt()).issuer?.legalName).toBe(other.legalName));
    const again = await json<BookingReceipt>(
      await api(`/api/v1/bookings/${bookingId}/receipt`, { token: customerToken }),
    );
    expect(again.issuer).toEqual(receipt.issuer);
    expect(again.invoice).toEqual(receipt.invoice);
    const audit = await bookingDb.query<{ action: string; after: { reason?: string } }>(
      'SELECT action, after FROM audit_log WHERE resource_id = $1',
      [bookingId],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'booking.extra_adjusted',
        after: expect.objectContaining({ status: 'completed' }),
      }),
    ]);
    // every hub's invoices are numbered 1, 2, 3… within the year, without a gap
    const { rows } = await bookingDb.query<{ serials: number[] }>(
      'SELECT array_agg(serial ORDER BY serial) AS serials FROM invoices GROUP BY hub_id, financial_year',
    );
    for (const { serials } of rows) expect(serials).toEqual(serials.map((_, index) => index + 1));
  });

  it('refuses bad amounts and reasons, and a customer, with problem+json; nothing is granted', {
    timeout: 60_000,
  }, async () => {
    const { bookingId, customerToken } = await jobAwaitingExtra();
    const raw = (body: string) =>
      api(`/api/v1/admin/bookings/${bookingId}/refunds`, {
        method: 'POST',
        token: zefy.adminToken,
        idempotencyKey: true,
        headers: { 'content-type': 'application/json' },
        body,
      });
    await expectProblem(await raw('{"amountPaise": Infinity, "reason": "x"}'), 400);
    for (const body of [
      { amountPaise: -5, reason: 'x' },
      { amountPaise: null, reason: 'x' },
      { amountPaise: 1.5, reason: 'x' },
      { amountPaise: 100, reason: 'nul \u0000 inside' },
      { amountPaise: 100, reason: '   ' },
      { amountPaise: 100 },
    ])
      await expectProblem(await refund(bookingId, body), 400);
    await expectProblem(await adjust(bookingId, { amountPaise: -5, reason: 'x' }), 400);
    await expectProblem(
      await adjust(bookingId, { amountPaise: 99, reason: 'under a rupee' }),
      409,
      'BOOKING.TRANSITION_NOT_ALLOWED',
    );
    await expectProblem(await refund(bookingId, { amountPaise: 100, reason: 'x' }, true, customerToken), 403);
    await expectProblem(await adjust(bookingId, { amountPaise: 0, reason: 'x' }, customerToken), 403);
    // the Idempotency-Key is required: a retried refund must never be a second one
    await expectProblem(
      await api(`/api/v1/admin/bookings/${bookingId}/refunds`, {
        method: 'POST',
        token: zefy.adminToken,
        json: { amountPaise: 100, reason: 'x' },
      }),
      400,
    );
    const detail = await detailOf(bookingId);
    expect(detail.timeline.some((entry) => entry.type === 'booking.refund_granted')).toBe(false);
    expect(detail.booking.status).toBe('awaiting_extra_payment');
  });
});
