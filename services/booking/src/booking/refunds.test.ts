import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateRefund,
  checkAdjustedExtra,
  type RefundablePayment,
  refundableOf,
  withGranted,
} from './refunds.ts';

const first = { paymentId: 'pay_1', amountPaise: 50_000 };
const extra = { paymentId: 'pay_x', amountPaise: 11_800 };

describe('a refund in part', () => {
  it('is what was captured less what was granted back, over both payments', () => {
    expect(refundableOf([first, extra])).toBe(61_800);
    expect(
      refundableOf([
        { ...first, grantedRefundPaise: 50_000 },
        { ...extra, grantedRefundPaise: 800 },
      ]),
    ).toBe(11_000);
  });

  it('takes from the first payment before the extra', () => {
    expect(allocateRefund([first, extra], 20_000)).toEqual([{ paymentId: 'pay_1', amountPaise: 20_000 }]);
    expect(allocateRefund([{ ...first, grantedRefundPaise: 45_000 }, extra], 6000)).toEqual([
      { paymentId: 'pay_1', amountPaise: 5000 },
      { paymentId: 'pay_x', amountPaise: 1000 },
    ]);
  });

  it('refuses more than is left, nothing, a fraction, and what is not a number', () => {
    expect(allocateRefund([first, extra], 61_801)).toBe('at most 61800 paise is left to refund');
    for (const amount of [0, -5, 1.5, Number.POSITIVE_INFINITY, Number.NaN])
      expect(typeof allocateRefund([first, extra], amount)).toBe('string');
  });

  it('never grants back more than was paid, however the refunds come', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 100, max: 100_000 }),
        fc.integer({ min: 100, max: 100_000 }),
        (asks, firstPaid, extraPaid) => {
          let payments: RefundablePayment[] = [
            { paymentId: 'a', amountPaise: firstPaid },
            { paymentId: 'b', amountPaise: extraPaid },
          ];
          let granted = 0;
          for (const ask of asks) {
            const parts = allocateRefund(payments, ask);
            if (typeof parts === 'string') {
              expect(ask).toBeGreaterThan(refundableOf(payments));
              continue;
            }
            expect(parts.reduce((sum, part) => sum + part.amountPaise, 0)).toBe(ask);
            payments = payments.map((payment) => withGranted(payment, parts));
            granted += ask;
          }
          expect(granted + refundableOf(payments)).toBe(firstPaid + extraPaid);
          for (const payment of payments)
            expect(payment.grantedRefundPaise ?? 0).toBeLessThanOrEqual(payment.amountPaise);
        },
      ),
    );
  });
});

describe('adjusting an extra charge', () => {
  it('lowers it, or waives it', () => {
    expect(checkAdjustedExtra(11_800, 5000, 100)).toBeNull();
    expect(checkAdjustedExtra(11_800, 0, 100)).toBeNull();
    expect(checkAdjustedExtra(11_800, 100, 100)).toBeNull();
  });

  it('never raises it, keeps it the same, or leaves less than can be paid', () => {
    expect(checkAdjustedExtra(11_800, 11_800, 100)).toContain('lowers');
    expect(checkAdjustedExtra(11_800, 20_000, 100)).toContain('lowers');
    expect(checkAdjustedExtra(11_800, 99, 100)).toContain('at least 100');
    expect(checkAdjustedExtra(11_800, -5, 100)).toContain('0 or more');
    expect(checkAdjustedExtra(11_800, Number.POSITIVE_INFINITY, 100)).toContain('0 or more');
  });
});
