import type { EventData, EventEnvelope, EventType } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import { channelOf, notificationFor, notifiedEventTypes } from './notifications.ts';

const envelope = <T extends EventType>(type: T, data: EventData<T>): EventEnvelope<T, EventData<T>> => ({
  id: '01937a2e-0000-7000-8000-000000000001',
  type,
  version: 1,
  occurredAt: '2026-11-24T10:00:00.000Z',
  correlationId: 'c-1',
  causationId: null,
  actor: { kind: 'system', id: 'booking' },
  data,
});

describe('notificationFor', () => {
  it('tells the customer a booking for now is confirmed and a partner is being searched for', () => {
    const draft = notificationFor(
      envelope('booking.confirmed', {
        bookingId: 'b-1',
        customerId: 'c-42',
        hubId: 'h-1',
        serviceName: 'Deep cleaning',
        scheduledFor: null,
      }),
    );
    expect(draft).toEqual({
      kind: 'booking.confirmed',
      recipients: [{ kind: 'customer', id: 'c-42' }],
      title: 'Booking confirmed — searching for a partner',
      body: 'Your Deep cleaning booking is confirmed. We are finding a verified partner near you now.',
      data: { bookingId: 'b-1' },
    });
  });

  it('names the slot in Indian time for a scheduled booking', () => {
    const draft = notificationFor(
      envelope('booking.confirmed', {
        bookingId: 'b-2',
        customerId: 'c-42',
        hubId: 'h-1',
        serviceName: 'AC service',
        scheduledFor: '2026-11-25T04:30:00.000Z',
      }),
    );
    expect(draft?.body).toMatch(/^Your AC service booking for Wed, 25 Nov, 10:00\s?am is confirmed\./);
  });

  it('tells the customer their payment is refunded, how much and why', () => {
    const data = { bookingId: 'b-3', customerId: 'c-7', amountPaise: 49_900, reason: 'no_capacity' as const };
    for (const type of ['booking.rejected', 'booking.payment_refunded'] as const) {
      const draft = notificationFor(envelope(type, data));
      expect(draft).toMatchObject({
        kind: type,
        recipients: [{ kind: 'customer', id: 'c-7' }],
        title: 'Payment refunded',
        data: { bookingId: 'b-3', amountPaise: '49900', reason: 'no_capacity' },
      });
      expect(draft?.body).toContain('₹499.00 is on its way back to you: no partner was free for that slot.');
    }
  });

  it('ignores events that are nobody’s notification, such as a new catalog service', () => {
    const draft = notificationFor(
      envelope('catalog.service_created', {
        serviceId: 's',
        name: 'Sofa',
        category: 'cleaning',
        basePricePaise: 1,
      }),
    );
    expect(draft).toBeNull();
    expect(notifiedEventTypes).not.toContain('catalog.service_created');
  });

  it('subscribes to exactly the mapped booking events', () => {
    expect([...notifiedEventTypes].sort()).toEqual([
      'booking.confirmed',
      'booking.payment_refunded',
      'booking.rejected',
    ]);
  });

  it('keeps data string-only, as an FCM payload requires', () => {
    const draft = notificationFor(
      envelope('booking.payment_refunded', {
        bookingId: 'b',
        customerId: 'c',
        amountPaise: 1,
        reason: 'cancelled_by_customer',
      }),
    );
    expect(Object.values(draft?.data ?? {}).every((value) => typeof value === 'string')).toBe(true);
  });
});

describe('channelOf', () => {
  it('reaches customers on user:<id> and partners on partner:<id>', () => {
    expect(channelOf({ kind: 'customer', id: 'u1' })).toBe('user:u1');
    expect(channelOf({ kind: 'partner', id: 'p1' })).toBe('partner:p1');
  });
});
