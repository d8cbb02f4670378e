import type { RealtimeEvent } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import { bookingIdOf } from './booking-events.ts';

const envelope = {
  version: 1,
  occurredAt: '2026-03-02T10:00:00.000Z',
  correlationId: 'c1',
  causationId: null,
};

describe('bookingIdOf', () => {
  it('names the booking of a booking event and nothing for another event', () => {
    const expired: RealtimeEvent = {
      ...envelope,
      id: 'e1',
      type: 'booking.hold_expired',
      actor: { kind: 'system', id: 'booking' },
      data: { bookingId: 'b1', customerId: 'c1', hubId: 'h1', partnerId: 'p1' },
    };
    const serviceCreated: RealtimeEvent = {
      ...envelope,
      id: 'e2',
      type: 'catalog.service_created',
      actor: { kind: 'admin', id: 'a1' },
      data: { serviceId: 's1', name: 'Deep cleaning', category: 'cleaning', basePricePaise: 49_900 },
    };
    expect([bookingIdOf(expired), bookingIdOf(serviceCreated)]).toEqual(['b1', null]);
  });
});
