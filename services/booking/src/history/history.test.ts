import { describe, expect, it } from 'vitest';
import { historyScopeOf, statusesIn } from './history.ts';

describe("the customer's history", () => {
  it('shows paid bookings not done yet as upcoming, completed ones as past, called-off ones as cancelled', () => {
    expect(statusesIn('upcoming')).toEqual([
      'confirmed',
      'assigned',
      'en_route',
      'arrived',
      'in_progress',
      'awaiting_extra_payment',
    ]);
    expect(statusesIn('past')).toEqual(['completed']);
    expect(statusesIn('cancelled')).toEqual(['rejected', 'cancelled', 'refunded']);
  });

  it('leaves unpaid holds out', () => {
    for (const status of ['held', 'awaiting_payment', 'payment_failed', 'expired'] as const)
      expect(historyScopeOf(status)).toBeNull();
  });
});
