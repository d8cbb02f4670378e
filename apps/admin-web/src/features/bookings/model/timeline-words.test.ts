import { describe, expect, it } from 'vitest';
import { actorOf, detailOf, stepOf } from './timeline-words.ts';

describe('a booking timeline in words', () => {
  it('names each step of the booking, dispatch and tracking', () => {
    expect(stepOf({ type: 'booking.confirmed' })).toBe('Paid and confirmed');
    expect(stepOf({ type: 'dispatch.started' })).toBe('Looking for a partner');
    expect(stepOf({ type: 'dispatch.escalated' })).toBe('Escalated: no partner yet');
    expect(stepOf({ type: 'tracking.arrival_promised' })).toBe('Arrival promised');
    expect(stepOf({ type: 'dispatch.partner_assigned', data: { assignedBy: 'admin' } })).toBe(
      'Assigned by the team',
    );
    expect(stepOf({ type: 'dispatch.partner_assigned', data: { assignedBy: 'partner' } })).toBe(
      'Offer accepted',
    );
  });

  it('shows a step it does not know by its type rather than hiding it', () => {
    expect(stepOf({ type: 'booking.something_new' })).toBe('booking.something_new');
    expect(stepOf({ type: 'toString' })).toBe('toString');
  });

  it('says who took the step without ids', () => {
    expect(actorOf({ kind: 'customer', id: 'c1' })).toBe('by the customer');
    expect(actorOf({ kind: 'admin', id: 'a1' })).toBe('by the team');
    expect(actorOf({ kind: 'system', id: 'dispatch' })).toBe('automatically');
  });

  it('says what a cancellation kept and refunded, and why', () => {
    const cancelled = (data: Record<string, unknown>) =>
      detailOf({ type: 'booking.cancelled', data: { reason: 'plans changed', ...data } });
    expect(cancelled({ rule: 'fee', refundBasis: 'rule', feePaise: 5000, refundDuePaise: 53_882 })).toBe(
      'Rule: the fee after assignment · ₹50 kept, ₹538.82 refunded · “plans changed”',
    );
    expect(cancelled({ refundBasis: 'custom', feePaise: 46_537, refundDuePaise: 12_345 })).toBe(
      'A refund the team chose · ₹465.37 kept, ₹123.45 refunded · “plans changed”',
    );
    expect(cancelled({ noShow: 'partner', refundBasis: 'full', feePaise: 0, refundDuePaise: 58_882 })).toBe(
      'Partner no-show · ₹588.82 refunded · “plans changed”',
    );
    // a cancellation recorded before the details were kept
    expect(cancelled({ refundDuePaise: 58_882 })).toBe('₹588.82 refunded · “plans changed”');
    expect(detailOf({ type: 'booking.confirmed', data: {} })).toBeNull();
  });

  it('says what the team refunded in part or changed of an extra charge, and why', () => {
    expect(stepOf({ type: 'booking.refund_granted' })).toBe('Refunded in part by the team');
    expect(
      detailOf({
        type: 'booking.refund_granted',
        data: { amountPaise: 20_000, refundablePaise: 38_882, reason: 'stain left' },
      }),
    ).toBe('₹200 refunded · ₹388.82 left to refund · “stain left”');
    const adjusted = (extraDuePaise: number) =>
      detailOf({
        type: 'booking.extra_adjusted',
        data: { previousDuePaise: 11_800, extraDuePaise, reason: 'our mop broke' },
      });
    expect(adjusted(5000)).toBe('₹118 → ₹50 · “our mop broke”');
    expect(adjusted(0)).toBe('₹118 waived · “our mop broke”');
  });
});
