import { describe, expect, it } from 'vitest';
import { arrivalDefaults } from '../arrival/arrival.ts';
import { type BookingFact, type TrackedBooking, trackedAfter } from './bookings.ts';

const ids = { bookingId: 'b-1', customerId: 'c-1', hubId: 'h-1' };
const home = { lat: 12.9716, lng: 77.6412 };
const assignedTo = (partnerId: string): BookingFact => ({
  type: 'booking.partner_assigned',
  data: {
    ...ids,
    serviceName: 'AC service',
    partnerId,
    partner: { name: 'Asha', photoUrl: null, phone: null, rating: 4.5 },
    assignedBy: 'partner',
    assignedAt: '2026-11-24T10:00:00.000Z',
    previousPartnerId: null,
    reason: null,
  },
});
const journey = (partnerId: string) => ({
  ...ids,
  serviceName: 'AC service',
  partnerId,
  partnerName: 'Asha',
  startedAt: '2026-11-24T10:05:00.000Z',
});
const enRoute = (partnerId: string): BookingFact => ({
  type: 'booking.en_route',
  data: { ...journey(partnerId), destination: home },
});
const arrived = (partnerId: string): BookingFact => ({
  type: 'booking.arrived',
  data: { ...journey(partnerId), arrivedAt: '2026-11-24T10:25:00.000Z', detectedBy: 'partner' },
});

const after = (...facts: BookingFact[]): TrackedBooking | null =>
  facts.reduce<TrackedBooking | null>((current, fact) => trackedAfter(current, fact, arrivalDefaults), null);

describe('what tracking knows of a booking', () => {
  it('follows the partner from assigned to en route, heading for the address, then arrived', () => {
    expect(after(assignedTo('p-1'))).toMatchObject({
      status: 'assigned',
      partnerId: 'p-1',
      destination: null,
    });
    expect(after(assignedTo('p-1'), enRoute('p-1'))).toMatchObject({
      status: 'en_route',
      destination: home,
      startedAt: '2026-11-24T10:05:00.000Z',
      arrival: { status: 'tracking', stage: 'en_route' },
    });
    expect(after(assignedTo('p-1'), enRoute('p-1'), arrived('p-1'))).toMatchObject({
      status: 'arrived',
      arrival: { stage: 'arrived' },
    });
  });

  it('starts over for a new partner, and ignores the previous one backing out', () => {
    const reassigned = after(assignedTo('p-1'), enRoute('p-1'), assignedTo('p-2'));
    expect(reassigned).toMatchObject({ status: 'assigned', partnerId: 'p-2', destination: null, eta: null });
    expect(
      trackedAfter(
        reassigned,
        { type: 'booking.partner_released', data: { ...ids, partnerId: 'p-1', reason: null } },
        arrivalDefaults,
      ),
    ).toBe(reassigned);
  });

  it('changes nothing on a redelivered fact', () => {
    const once = after(assignedTo('p-1'), enRoute('p-1'));
    expect(trackedAfter(once, enRoute('p-1'), arrivalDefaults)).toBe(once);
    expect(trackedAfter(once, assignedTo('p-1'), arrivalDefaults)).toBe(once);
  });

  it('stops tracking a cancelled booking, and never starts one it did not know', () => {
    const cancelled: BookingFact = {
      type: 'booking.cancelled',
      data: {
        ...ids,
        cancelledBy: 'customer',
        reason: 'plans changed',
        paymentId: 'pay_1',
        refundDuePaise: 100,
      },
    };
    expect(after(assignedTo('p-1'), enRoute('p-1'), cancelled)).toMatchObject({ status: 'cancelled' });
    expect(after(cancelled)).toBeNull();
  });
});
