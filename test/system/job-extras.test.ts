import { randomUUID } from 'node:crypto';
import {
  type CompletedJob,
  channels,
  type JobExtra,
  type PartnerEarnings,
  type ServerMessage,
} from '@zefy/contracts';
import { ManualClock } from '@zefy/platform';
import { applyRateHalfUp, type PriceBreakdown } from '@zefy/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { payForHold } from '../support/dispatch.ts';
import { jobAt } from '../support/job-http.ts';
import { jobWalkedTo } from '../support/job-steps.ts';
import { expectBalancedLedger, type PaymentsDriver, paymentsDriver } from '../support/payments.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

// the job's timer runs on the server's clock: moved by hand, the job runs past its included time at once
const clock = new ManualClock(new Date());
let zefy: TestPlatform;
let payments: PaymentsDriver;
beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false, clock, env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  payments = paymentsDriver(zefy);
});
afterAll(async () => {
  await payments?.close();
  await zefy?.stop();
});

async function json<T>(response: Response, status = 200): Promise<T> {
  if (response.status !== status)
    throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
const problemOf = async (response: Response) => ({
  status: response.status,
  contentType: response.headers.get('content-type'),
  code: ((await response.json()) as { code: string }).code,
});
const problem = (status: number, code: string) => ({
  status,
  contentType: expect.stringContaining('application/problem+json'),
  code,
});
const changeOf = (type: string) => (message: ServerMessage) =>
  message.type === 'change' && message.change.type === type;

describe('extras the partner adds during the job', () => {
  it('charges the extra time and the approved extra (not the declined one) as the second payment, lists it on the receipt, and keeps the ledger balanced', async () => {
    const customer = { role: 'customer' as const, id: randomUUID() };
    const customerToken = await zefy.tokenFor('customer', customer.id);
    const job = jobAt(zefy.baseUrl);
    const descaler = { kind: 'material', description: 'Descaling liquid', amountPaise: 25_000 };
    const washer = { kind: 'addon', description: 'Replace the tap washer', amountPaise: 40_000 };
    let approved: JobExtra | undefined;

    const bookingId = await jobWalkedTo(zefy, customer, 'completed', async ({ bookingId, partnerToken }) => {
      const customerSocket = await connectWebSocket(zefy.baseUrl, customerToken);
      const partnerSocket = await connectWebSocket(zefy.baseUrl, partnerToken);
      expect(await customerSocket.subscribe(channels.booking(bookingId), 0)).toMatchObject({
        type: 'subscribed',
      });
      expect(await partnerSocket.subscribe(channels.booking(bookingId), 0)).toMatchObject({
        type: 'subscribed',
      });

      // the same Idempotency-Key answers the same extra; a fresh one proposes another
      const key = randomUUID();
      const proposed = await json<JobExtra>(
        await job.proposeExtra(partnerToken, bookingId, descaler, key),
        201,
      );
      expect(proposed).toMatchObject({ ...descaler, status: 'proposed', decidedAt: null });
      expect(
        await json<JobExtra>(await job.proposeExtra(partnerToken, bookingId, descaler, key), 201),
      ).toEqual(proposed);
      const declined = await json<JobExtra>(await job.proposeExtra(partnerToken, bookingId, washer), 201);
      // the proposal reaches the customer over the booking channel
      await customerSocket.next(changeOf('booking.extra_proposed'));

      // bad proposals are refused with a problem, whoever sends them
      const badBodies = [
        { ...descaler, amountPaise: Number.POSITIVE_INFINITY }, // JSON null
        { ...descaler, amountPaise: -5 },
        { ...descaler, amountPaise: null },
        { ...descaler, amountPaise: 150.5 },
        { ...descaler, description: 'Tap\u0000washer' },
        { ...descaler, description: 'x'.repeat(121) },
        { ...descaler, kind: 'tip' },
      ];
      for (const body of badBodies)
        expect(await problemOf(await job.proposeExtra(partnerToken, bookingId, body))).toEqual(
          problem(400, 'REQUEST.VALIDATION_FAILED'),
        );
      const stranger = await zefy.tokenFor('partner', randomUUID());
      const foreign = await job.proposeExtra(stranger, bookingId, descaler);
      expect([403, 404]).toContain(foreign.status);
      expect(foreign.headers.get('content-type')).toContain('application/problem+json');

      // the customer approves one, twice (the same answer), and declines the other, once
      approved = await json<JobExtra>(
        await job.decideExtra(customerToken, bookingId, proposed.extraId, 'approve'),
      );
      expect(approved).toMatchObject({ extraId: proposed.extraId, status: 'approved' });
      expect(
        await json(await job.decideExtra(customerToken, bookingId, proposed.extraId, 'approve')),
      ).toEqual(approved);
      expect(
        await json(await job.decideExtra(customerToken, bookingId, declined.extraId, 'decline')),
      ).toMatchObject({
        status: 'declined',
      });
      expect(
        await problemOf(await job.decideExtra(customerToken, bookingId, declined.extraId, 'approve')),
      ).toEqual(problem(409, 'JOB.EXTRA_DECIDED'));
      expect(
        await problemOf(await job.decideExtra(customerToken, bookingId, randomUUID(), 'approve')),
      ).toEqual(problem(404, 'JOB.EXTRA_NOT_FOUND'));
      const otherCustomer = await zefy.tokenFor('customer', randomUUID());
      expect(
        (await problemOf(await job.decideExtra(otherCustomer, bookingId, proposed.extraId, 'approve')))
          .status,
      ).toBe(404);
      // the decision reaches the partner over the booking channel
      await partnerSocket.next(changeOf('booking.extra_approved'));
      customerSocket.close();
      partnerSocket.close();

      // 300 minutes are included with 15 of grace: 346 make two started blocks of 30 more
      clock.advance(346 * 60_000);
    });

    // after the end OTP no extra is proposed any more
    const partnerId = (await job.booking(customerToken, bookingId)).partner?.id ?? '';
    const partnerToken = await zefy.tokenFor('partner', partnerId);
    expect(await problemOf(await job.proposeExtra(partnerToken, bookingId, descaler))).toEqual(
      problem(409, 'BOOKING.TRANSITION_NOT_ALLOWED'),
    );

    // owed: the price function's pre-tax total for the time worked plus the approved extra, taxed once,
    // less what the booking was paid
    const ended = await job.booking(customerToken, bookingId);
    const worked = await json<PriceBreakdown>(
      await apiAt(zefy.baseUrl)(`/api/v1/catalog/services/${ended.serviceId}/quote?workedMinutes=346`),
    );
    const pretax = worked.pretaxPaise + descaler.amountPaise;
    const owed = pretax + applyRateHalfUp(pretax, worked.taxRateBasisPoints) - ended.price.totalPaise;
    expect(ended).toMatchObject({
      status: 'awaiting_extra_payment',
      job: { workedMinutes: 346, extraDuePaise: owed },
    });
    expect(owed).toBeGreaterThan(worked.totalPaise - ended.price.totalPaise);
    expect(ended.job?.extras.map((extra) => extra.status)).toEqual(['approved', 'declined']);

    // the customer pays it all through the booking's second Razorpay order
    const order = await payForHold(zefy.baseUrl, customerToken, { id: ended.job?.extraPayableId ?? '' });
    expect(order).toMatchObject({ amountPaise: owed, customerId: customer.id });
    await eventually(async () => {
      const view = await job.booking(customerToken, bookingId);
      if (view.status !== 'completed') throw new Error(`still ${view.status}`);
    });
    const receipt = await job.receiptWithPayments(customerToken, bookingId, 2);
    expect(receipt).toMatchObject({
      extra: { workedMinutes: 346, extraDuePaise: owed, extraPaidPaise: owed, approvedExtras: [approved] },
      paidPaise: ended.price.totalPaise + owed,
      refundedPaise: 0,
    });
    await expectBalancedLedger(payments);

    // the partner earns their share of the approved extra too (not of the declined one), at the default 20%
    const share = (pretaxPaise: number) => pretaxPaise - applyRateHalfUp(pretaxPaise, 2000);
    const earned = share(ended.price.pretaxPaise) + share(descaler.amountPaise);
    const history = await json<{ items: CompletedJob[] }>(
      await apiAt(zefy.baseUrl)('/api/v1/partner/history', { token: partnerToken }),
    );
    expect(history.items).toEqual([expect.objectContaining({ bookingId, earningPaise: earned })]);
    expect(
      await json<PartnerEarnings>(
        await apiAt(zefy.baseUrl)('/api/v1/partner/earnings', { token: partnerToken }),
      ),
    ).toMatchObject({
      jobs: 1,
      totalPaise: earned,
      byDay: [expect.objectContaining({ earningPaise: earned })],
    });
  });
});
