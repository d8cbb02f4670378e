import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CancellationPolicy,
  type CancellationStage,
  feeFor,
  quoteCancellation,
} from './cancellation.ts';

const now = new Date('2026-03-02T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const flat: CancellationPolicy = { fee: { kind: 'flat', paise: 5000 }, noRefundAfterEnRouteMinutes: 10 };
const tenPercent: CancellationPolicy = { ...flat, fee: { kind: 'percent', percent: 10 } };

describe('the cancellation rule', () => {
  it('is free before a partner is assigned', () => {
    expect(quoteCancellation({ stage: 'confirmed', paidPaise: 58_882 }, flat, now)).toMatchObject({
      rule: 'free',
      feePaise: 0,
      refundPaise: 58_882,
    });
  });

  it('keeps the configured fee once a partner is assigned, in paise or as a share of what was paid', () => {
    expect(quoteCancellation({ stage: 'assigned', paidPaise: 58_882 }, flat, now)).toMatchObject({
      rule: 'fee',
      feePaise: 5000,
      refundPaise: 53_882,
    });
    // 10% of ₹588.82 is ₹58.882: the fee rounds down, in the customer's favour
    const quote = quoteCancellation({ stage: 'assigned', paidPaise: 58_882 }, tenPercent, now);
    expect(quote).toMatchObject({ rule: 'fee', feePaise: 5888, refundPaise: 52_994 });
    expect(quote.text).toContain('10% of what you paid (₹58.88)');
  });

  it('keeps the fee on the way until the cut-off, and everything from it on and at the door', () => {
    const onTheWay = (minutes: number): CancellationStage => ({
      stage: 'en_route',
      paidPaise: 58_882,
      startedAt: minutesAgo(minutes),
    });
    expect(quoteCancellation(onTheWay(9.99), flat, now)).toMatchObject({ rule: 'fee', refundPaise: 53_882 });
    expect(quoteCancellation(onTheWay(10), flat, now)).toMatchObject({
      rule: 'no_refund',
      feePaise: 58_882,
      refundPaise: 0,
    });
    expect(quoteCancellation({ stage: 'arrived', paidPaise: 58_882 }, flat, now)).toMatchObject({
      rule: 'no_refund',
      refundPaise: 0,
    });
  });

  it('has nothing to refund for a hold not yet paid', () => {
    expect(quoteCancellation({ stage: 'unpaid' }, flat, now)).toMatchObject({
      rule: 'unpaid',
      refundPaise: 0,
    });
  });

  it('never keeps more than was paid, nor refunds more, nor less than paid minus the fee', () => {
    const policy = fc.record({
      fee: fc.oneof(
        fc.record({ kind: fc.constant('flat' as const), paise: fc.integer({ min: 0, max: 10_000_000 }) }),
        fc.record({ kind: fc.constant('percent' as const), percent: fc.integer({ min: 0, max: 100 }) }),
      ),
      noRefundAfterEnRouteMinutes: fc.integer({ min: 0, max: 240 }),
    });
    const paid = fc.integer({ min: 100, max: 10_000_000 });
    const stage: fc.Arbitrary<CancellationStage> = fc.oneof(
      fc.record({ stage: fc.constant('confirmed' as const), paidPaise: paid }),
      fc.record({ stage: fc.constant('assigned' as const), paidPaise: paid }),
      fc.record({ stage: fc.constant('arrived' as const), paidPaise: paid }),
      fc.record({
        stage: fc.constant('en_route' as const),
        paidPaise: paid,
        startedAt: fc.integer({ min: 0, max: 300 }).map(minutesAgo),
      }),
    );
    fc.assert(
      fc.property(stage, policy, (booking, terms) => {
        const quote = quoteCancellation(booking, terms, now);
        const paidPaise = booking.stage === 'unpaid' ? 0 : booking.paidPaise;
        expect(quote.paidPaise).toBe(paidPaise);
        expect(quote.refundPaise).toBeGreaterThanOrEqual(0);
        expect(quote.refundPaise).toBeLessThanOrEqual(paidPaise);
        expect(quote.feePaise + quote.refundPaise).toBe(paidPaise);
        expect(Number.isInteger(quote.refundPaise)).toBe(true);
        if (quote.rule === 'free') expect(quote.refundPaise).toBe(paidPaise);
        if (quote.rule === 'fee') expect(quote.refundPaise).toBe(paidPaise - feeFor(terms.fee, paidPaise));
        if (quote.rule === 'no_refund') expect(quote.refundPaise).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
});
