import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type {
  AdminBookingDetail,
  AdminDashboard,
  BookingOtps,
  BookingReceipt,
  BookingView,
  CompletedJob,
  JobProgress,
  MyBookings,
  PartnerEarnings,
  PartnerRatings,
  PaymentOrder,
  ServerMessage,
} from '@zefy/contracts';
import { channels } from '@zefy/contracts';
import { ManualClock } from '@zefy/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually, json, problemOf } from '../support/api.ts';
import { payOnCheckoutPage, verifyPayment } from '../support/checkout.ts';
import { dispatchAt, offeredJob } from '../support/dispatch.ts';
import { jobAt } from '../support/job-http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

// a clock moved by hand: the job's timer runs on the server's time
const clock = new ManualClock(new Date());
let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;
// everything the platform logs, at debug level: no code may ever be in it
let log = '';
beforeAll(async () => {
  zefy = await startPlatform({
    serveWebApps: false,
    clock,
    env: { RATE_LIMIT_PER_MINUTE: '1000000', BOOKING_DISPATCH_FIRST_WAVE_SIZE: '1000', LOG_LEVEL: 'debug' },
    logDestination: new Writable({
      write(chunk, _encoding, done) {
        log += chunk.toString();
        done();
      },
    }),
  });
  api = apiAt(zefy.baseUrl);
});
afterAll(async () => {
  await zefy?.stop();
});

const isEvent = (type: string) => (message: ServerMessage) =>
  message.type === 'event' && message.event.type === type;

/** A booking assigned to a new partner, with the partner's and its customer's tokens. */
async function assignedJob() {
  const partnerId = randomUUID();
  const { offer, token: partnerToken } = await offeredJob(zefy, partnerId);
  expect((await dispatchAt(zefy.baseUrl).accept(partnerToken, offer.offerId)).status).toBe(200);
  const detail = await json<AdminBookingDetail>(
    await api(`/api/v1/admin/bookings/${offer.bookingId}`, { token: zefy.adminToken }),
  );
  const customerId = detail.booking.customerId;
  return {
    bookingId: offer.bookingId,
    partnerId,
    partnerToken,
    customerId,
    customerToken: await zefy.tokenFor('customer', customerId),
  };
}

const submit = (token: string, bookingId: string, step: 'start' | 'end', otp: string) =>
  api(`/api/v1/partner/jobs/${bookingId}/${step}`, { method: 'POST', token, json: { otp } });

const otpsOf = (token: string, bookingId: string) =>
  eventually(async () => {
    const otps = await json<BookingOtps>(await api(`/api/v1/bookings/${bookingId}/otps`, { token }));
    if (!otps.start || !otps.end) throw new Error('no codes yet');
    return { ...otps, start: otps.start, end: otps.end };
  });

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('the job after assignment', () => {
  it('locks after five wrong codes, alerts the console, takes a reissued code, times and completes the job, takes one rating a side, and lists it in both histories', async () => {
    const job = await assignedJob();
    const adminSocket = await connectWebSocket(zefy.baseUrl, zefy.adminToken);
    await adminSocket.subscribe(channels.admin);
    const customerSocket = await connectWebSocket(zefy.baseUrl, job.customerToken);
    await customerSocket.subscribe(channels.user(job.customerId));
    const partnerSocket = await connectWebSocket(zefy.baseUrl, job.partnerToken);
    await partnerSocket.subscribe(channels.partner(job.partnerId));

    const first = await otpsOf(job.customerToken, job.bookingId);
    expect(first.start.code).toMatch(/^\d{6}$/);
    expect(first.start.code).not.toBe(first.end.code);

    // codes are the customer's only: the partner, another customer and the console never see them
    const stranger = await zefy.tokenFor('customer', randomUUID());
    expect((await api(`/api/v1/bookings/${job.bookingId}/otps`, { token: stranger })).status).toBe(404);
    expect((await api(`/api/v1/bookings/${job.bookingId}/otps`, { token: job.partnerToken })).status).toBe(
      403,
    );
    const consoleView = await api(`/api/v1/admin/bookings/${job.bookingId}`, { token: zefy.adminToken });
    expect(await consoleView.text()).not.toContain(first.start.code);

    // another partner cannot enter codes for this job
    const partnerB = await zefy.tokenFor('partner', randomUUID());
    expect((await submit(partnerB, job.bookingId, 'start', first.start.code)).status).toBe(403);
    // the end code is not due before the start
    expect((await problemOf(await submit(job.partnerToken, job.bookingId, 'end', first.end.code))).code).toBe(
      'BOOKING.TRANSITION_NOT_ALLOWED',
    );

    // the start code is taken at the door only
    const dispatch = dispatchAt(zefy.baseUrl);
    expect((await submit(job.partnerToken, job.bookingId, 'start', first.start.code)).status).toBe(409);
    expect((await dispatch.onMyWay(job.partnerToken, job.bookingId)).status).toBe(200);
    expect((await dispatch.arrived(job.partnerToken, job.bookingId)).status).toBe(200);

    const wrong = wrongCode(first.start.code);
    for (let attempt = 1; attempt <= 4; attempt++)
      expect(await problemOf(await submit(job.partnerToken, job.bookingId, 'start', wrong))).toEqual({
        status: 422,
        contentType: expect.stringContaining('application/problem+json'),
        code: 'JOB.OTP_INCORRECT',
      });
    expect((await problemOf(await submit(job.partnerToken, job.bookingId, 'start', wrong))).code).toBe(
      'JOB.OTP_LOCKED',
    );
    // locked: even the right code is refused now
    expect((await submit(job.partnerToken, job.bookingId, 'start', first.start.code)).status).toBe(423);
    await adminSocket.next(isEvent('booking.otp_locked'));
    const locked = await json<AdminBookingDetail>(
      await api(`/api/v1/admin/bookings/${job.bookingId}`, { token: zefy.adminToken }),
    );
    expect(locked.otp).toEqual({ isLocked: true, failedAttempts: 5 });
    const dashboard = await json<AdminDashboard>(
      await api('/api/v1/admin/dashboard', { token: zefy.adminToken }),
    );
    expect(dashboard.hubs.find((hub) => hub.hubId === locked.booking.hubId)?.otpLocked).toBe(1);
    expect((await otpsOf(job.customerToken, job.bookingId)).isLocked).toBe(true);

    const reissued = await api(`/api/v1/admin/bookings/${job.bookingId}/otp/reissue`, {
      method: 'POST',
      token: zefy.adminToken,
      idempotencyKey: true,
      json: { reason: 'customer read out the wrong code' },
    });
    expect(await json(reissued)).toMatchObject({ bookingId: job.bookingId, kind: 'start' });
    const second = await otpsOf(job.customerToken, job.bookingId);
    expect(second.isLocked).toBe(false);
    expect(second.end.code).toBe(first.end.code);
    // the old start code is worthless now (unless the new one happens to be equal)
    if (second.start.code !== first.start.code)
      expect((await submit(job.partnerToken, job.bookingId, 'start', first.start.code)).status).toBe(422);

    const startedAt = clock.now().toISOString();
    const started = await json<JobProgress>(
      await submit(job.partnerToken, job.bookingId, 'start', second.start.code),
    );
    expect(started).toMatchObject({ status: 'in_progress', job: { startedAt, endedAt: null } });
    // a repeated right code answers the same
    expect(
      await json<JobProgress>(await submit(job.partnerToken, job.bookingId, 'start', second.start.code)),
    ).toEqual(started);
    for (const socket of [customerSocket, partnerSocket, adminSocket])
      await socket.next(isEvent('booking.job_started'));

    clock.advance(32 * 60_000);
    const progress = await json<JobProgress>(
      await api(`/api/v1/partner/jobs/${job.bookingId}/progress`, { token: job.partnerToken }),
    );
    expect(Date.parse(progress.serverNow) - Date.parse(progress.job?.startedAt ?? '')).toBe(32 * 60_000);

    const ended = await json<JobProgress>(
      await submit(job.partnerToken, job.bookingId, 'end', second.end.code),
    );
    expect(ended).toMatchObject({
      status: 'completed',
      job: { startedAt, workedMinutes: 32, extraDuePaise: 0 },
    });
    await customerSocket.next(isEvent('booking.completed'));
    const view = await json<BookingView>(
      await api(`/api/v1/bookings/${job.bookingId}`, { token: job.customerToken }),
    );
    expect(view).toMatchObject({
      status: 'completed',
      job: { workedMinutes: 32, endedAt: clock.now().toISOString() },
    });

    const timeline = await json<AdminBookingDetail>(
      await api(`/api/v1/admin/bookings/${job.bookingId}`, { token: zefy.adminToken }),
    );
    expect(timeline.timeline.map((entry) => entry.type)).toEqual(
      expect.arrayContaining([
        'booking.otp_locked',
        'booking.otp_reissued',
        'booking.job_started',
        'booking.completed',
      ]),
    );
    expect(timeline.timeline.find((entry) => entry.type === 'booking.otp_reissued')?.actor.kind).toBe(
      'admin',
    );
    expect(log).toContain(`/api/v1/partner/jobs/${job.bookingId}/start`);
    for (const code of [first.start.code, first.end.code, second.start.code, wrong])
      expect(log).not.toContain(`"${code}"`);
    for (const socket of [customerSocket, partnerSocket, adminSocket]) socket.close();

    // ratings: once each side; the customer's counts towards the partner's reputation
    const rate = (token: string, path: string, body: object) =>
      api(path, { method: 'POST', token, idempotencyKey: true, json: body });
    const customerRating = `/api/v1/bookings/${job.bookingId}/rating`;
    expect((await rate(stranger, customerRating, { stars: 5 })).status).toBe(404);
    expect(
      await json(
        await rate(job.customerToken, customerRating, { stars: 5, tags: ['on_time'], comment: 'Great' }),
        201,
      ),
    ).toMatchObject({ stars: 5, by: 'customer', tags: ['on_time'], comment: 'Great' });
    expect(await problemOf(await rate(job.customerToken, customerRating, { stars: 1 }))).toEqual({
      status: 409,
      contentType: expect.stringContaining('application/problem+json'),
      code: 'JOB.ALREADY_RATED',
    });
    const partnerRating = `/api/v1/partner/jobs/${job.bookingId}/rating`;
    expect(await json(await rate(job.partnerToken, partnerRating, { stars: 4 }), 201)).toMatchObject({
      by: 'partner',
    });
    expect((await rate(job.partnerToken, partnerRating, { stars: 4 })).status).toBe(409);
    expect((await rate(partnerB, partnerRating, { stars: 1 })).status).toBe(404);

    // histories
    const past = await json<MyBookings>(
      await api('/api/v1/me/bookings?scope=past', { token: job.customerToken }),
    );
    expect(past.items.map((booking) => booking.id)).toEqual([job.bookingId]);
    const upcoming = await json<MyBookings>(
      await api('/api/v1/me/bookings?scope=upcoming', { token: job.customerToken }),
    );
    expect(upcoming.items).toEqual([]);
    const receipt = await json<BookingReceipt>(
      await api(`/api/v1/bookings/${job.bookingId}/receipt`, { token: job.customerToken }),
    );
    expect(receipt).toMatchObject({
      booking: { id: job.bookingId, status: 'completed' },
      extra: { workedMinutes: 32, extraDuePaise: 0 },
      paidPaise: receipt.booking.price.totalPaise,
      refundedPaise: 0,
      myRating: { stars: 5 },
    });
    expect((await api(`/api/v1/bookings/${job.bookingId}/receipt`, { token: stranger })).status).toBe(404);
    const history = await json<{ items: CompletedJob[] }>(
      await api('/api/v1/partner/history', { token: job.partnerToken }),
    );
    expect(history.items).toEqual([
      expect.objectContaining({ bookingId: job.bookingId, workedMinutes: 32, rating: 5 }),
    ]);
    const earnings = await json<PartnerEarnings>(
      await api('/api/v1/partner/earnings', { token: job.partnerToken }),
    );
    expect(earnings).toMatchObject({ jobs: 1, totalPaise: history.items[0]?.earningPaise });
    expect(earnings.byDay).toHaveLength(1);
    expect(earnings.byWeek[0]?.period).toMatch(/^\d{4}-W\d{2}$/);
    expect(
      await json<PartnerRatings>(await api('/api/v1/partner/ratings', { token: job.partnerToken })),
    ).toMatchObject({
      average: 5,
      count: 1,
      items: [expect.objectContaining({ bookingId: job.bookingId, stars: 5 })],
    });
  });

  it('charges time beyond the included minutes as a second payment of the booking, then completes it', async () => {
    const job = await assignedJob();
    const dispatch = dispatchAt(zefy.baseUrl);
    expect((await dispatch.onMyWay(job.partnerToken, job.bookingId)).status).toBe(200);
    expect((await dispatch.arrived(job.partnerToken, job.bookingId)).status).toBe(200);
    const codes = await otpsOf(job.customerToken, job.bookingId);
    await json(await submit(job.partnerToken, job.bookingId, 'start', codes.start.code));
    const booked = await json<BookingView>(
      await api(`/api/v1/bookings/${job.bookingId}`, { token: job.customerToken }),
    );
    // the demo service includes 300 minutes and 15 of grace, then charges per started 30 minutes
    clock.advance(346 * 60_000);
    const ended = await json<JobProgress>(
      await submit(job.partnerToken, job.bookingId, 'end', codes.end.code),
    );
    expect(ended).toMatchObject({
      status: 'awaiting_extra_payment',
      job: { workedMinutes: 346, extraPaidPaise: 0 },
    });
    const extraDue = ended.job?.extraDuePaise ?? 0;
    const extraPayableId = ended.job?.extraPayableId ?? '';
    expect(extraDue).toBeGreaterThan(0);
    expect(extraPayableId).not.toBe(booked.id);

    const openOrder = (token: string) =>
      api('/api/v1/payments/orders', {
        method: 'POST',
        token,
        idempotencyKey: true,
        json: { holdId: extraPayableId },
      });
    // only the booking's customer can pay its extra, and only its amount
    const stranger = await zefy.tokenFor('customer', randomUUID());
    expect((await openOrder(stranger)).status).toBe(404);
    const order = await json<PaymentOrder>(await openOrder(job.customerToken), 201);
    expect(order).toMatchObject({
      holdId: extraPayableId,
      amountPaise: extraDue,
      customerId: job.customerId,
    });
    const back = await payOnCheckoutPage(zefy.baseUrl, order, 'success');
    await json(await verifyPayment(zefy.baseUrl, job.customerToken, order, back.params));

    const completed = await eventually(async () => {
      const view = await json<BookingView>(
        await api(`/api/v1/bookings/${job.bookingId}`, { token: job.customerToken }),
      );
      if (view.status !== 'completed') throw new Error(`still ${view.status}`);
      return view;
    });
    expect(completed.job).toMatchObject({ extraDuePaise: extraDue, extraPaidPaise: extraDue });
    // the first payment is the booking's and the second the extra's: neither is refunded as a duplicate
    const receipt = await jobAt(zefy.baseUrl).receiptWithPayments(job.customerToken, job.bookingId, 2);
    expect(receipt).toMatchObject({
      extra: { workedMinutes: 346, includedMinutes: 300, extraDuePaise: extraDue, extraPaidPaise: extraDue },
      paidPaise: booked.price.totalPaise + extraDue,
      refundedPaise: 0,
    });
    expect(receipt.payments.map((payment) => payment.status)).toEqual(['captured', 'captured']);
    // the extra's payable is closed once payments hears the booking completed (over the bus, a moment later)
    await eventually(async () => expect((await openOrder(job.customerToken)).status).toBe(409));
  });

  it('completes at once a job that ends on the last minute of its included time and grace, and takes no second order', async () => {
    const job = await assignedJob();
    const dispatch = dispatchAt(zefy.baseUrl);
    expect((await dispatch.onMyWay(job.partnerToken, job.bookingId)).status).toBe(200);
    expect((await dispatch.arrived(job.partnerToken, job.bookingId)).status).toBe(200);
    const codes = await otpsOf(job.customerToken, job.bookingId);
    await json(await submit(job.partnerToken, job.bookingId, 'start', codes.start.code));
    // 300 minutes included and 15 of grace: the 315th minute is still free
    clock.advance(315 * 60_000 + 59_000);
    const ended = await json<JobProgress>(
      await submit(job.partnerToken, job.bookingId, 'end', codes.end.code),
    );
    expect(ended).toMatchObject({
      status: 'completed',
      job: { workedMinutes: 315, extraDuePaise: 0, extraPayableId: null },
    });
    // the booking's own payable was paid and closed: there is nothing to open a second order for
    const second = await api('/api/v1/payments/orders', {
      method: 'POST',
      token: job.customerToken,
      idempotencyKey: true,
      json: { holdId: job.bookingId },
    });
    expect(await problemOf(second)).toMatchObject({
      status: 409,
      contentType: expect.stringContaining('application/problem+json'),
    });
  });
});
