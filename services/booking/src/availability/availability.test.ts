import { describe, expect, it } from 'vitest';
import { emptyWeek } from '../schedule/schedule.ts';
import {
  type AvailabilityPolicy,
  bookableDates,
  daySlots,
  freePartnerIds,
  nowWindow,
  rankSlotCandidates,
  resolveSlot,
  slotMinutesFor,
} from './availability.ts';

const tz = 'Asia/Kolkata';
const policy: AvailabilityPolicy = { slotLeadMinutes: 60, horizonDays: 7, nowLeadMinutes: 30 };
// Monday 2026-03-02 08:00 in Kolkata
const now = Date.parse('2026-03-02T02:30:00Z');
const at = (local: string) => Date.parse(`${local}+05:30`);
const nineToOne = { ...emptyWeek(), mon: [{ start: '09:00', end: '13:00' }] };

describe('slot length', () => {
  it('rounds the service duration up to 30 minutes', () => {
    expect([
      slotMinutesFor(30),
      slotMinutesFor(45),
      slotMinutesFor(60),
      slotMinutesFor(61),
      slotMinutesFor(0),
    ]).toEqual([30, 60, 60, 90, 30]);
  });
});

describe('daySlots', () => {
  it('offers the half-hour starts that fit in a partner’s schedule, not before the lead time', () => {
    const slots = daySlots({
      date: '2026-03-02',
      timeZone: tz,
      slotMinutes: 60,
      now,
      policy,
      partners: [{ partnerId: 'p1', schedule: { weekly: nineToOne, daysOff: [] } }],
      claims: [],
    });
    const available = slots.filter((slot) => slot.freePartnerIds.length > 0).map((slot) => slot.start);
    expect(available).toEqual([
      at('2026-03-02T09:00'),
      at('2026-03-02T09:30'),
      at('2026-03-02T10:00'),
      at('2026-03-02T10:30'),
      at('2026-03-02T11:00'),
      at('2026-03-02T11:30'),
      at('2026-03-02T12:00'),
    ]);
    expect(slots[0]?.start).toBe(at('2026-03-02T09:00'));
  });

  it('takes away what holds and bookings already claim, partner by partner', () => {
    const slots = daySlots({
      date: '2026-03-02',
      timeZone: tz,
      slotMinutes: 60,
      now,
      policy,
      partners: [
        { partnerId: 'p1', schedule: { weekly: nineToOne, daysOff: [] } },
        { partnerId: 'p2', schedule: { weekly: nineToOne, daysOff: [] } },
      ],
      claims: [
        { partnerId: 'p1', start: at('2026-03-02T10:00'), end: at('2026-03-02T11:00') },
        { partnerId: 'p2', start: at('2026-03-02T10:30'), end: at('2026-03-02T12:00') },
      ],
    });
    const byStart = new Map(slots.map((slot) => [slot.start, slot.freePartnerIds]));
    expect(byStart.get(at('2026-03-02T09:00'))).toEqual(['p1', 'p2']);
    expect(byStart.get(at('2026-03-02T09:30'))).toEqual(['p2']);
    expect(byStart.get(at('2026-03-02T10:00'))).toEqual([]);
    expect(byStart.get(at('2026-03-02T11:00'))).toEqual(['p1']);
    expect(byStart.get(at('2026-03-02T12:00'))).toEqual(['p1', 'p2']);
  });

  it('has no free slot on a partner’s day off', () => {
    const slots = daySlots({
      date: '2026-03-02',
      timeZone: tz,
      slotMinutes: 60,
      now,
      policy,
      partners: [{ partnerId: 'p1', schedule: { weekly: nineToOne, daysOff: ['2026-03-02'] } }],
      claims: [],
    });
    expect(slots.every((slot) => slot.freePartnerIds.length === 0)).toBe(true);
  });
});

describe('resolveSlot', () => {
  const input = { timeZone: tz, slotMinutes: 90, now, policy };

  it('accepts a grid start within the horizon and returns its window', () => {
    expect(resolveSlot(at('2026-03-04T10:30'), input)).toEqual({
      ok: true,
      date: '2026-03-04',
      window: { start: at('2026-03-04T10:30'), end: at('2026-03-04T12:00') },
    });
  });

  it('refuses off-grid starts, too early, beyond the horizon, and slots past midnight', () => {
    expect(resolveSlot(at('2026-03-04T10:15'), input)).toMatchObject({ ok: false });
    expect(resolveSlot(at('2026-03-02T08:30'), input)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('now'),
    });
    expect(resolveSlot(at('2026-03-09T10:00'), input)).toMatchObject({ ok: false });
    expect(resolveSlot(at('2026-03-04T23:00'), input)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('midnight'),
    });
  });

  it('shows seven days, today in the hub first', () => {
    expect(bookableDates(now, tz, policy)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
  });
});

describe('now and candidates', () => {
  it('holds a "now" partner for travel plus the slot', () => {
    expect(nowWindow(now, 60, policy)).toEqual({ start: now, end: now + 90 * 60_000 });
  });

  it('keeps partners with no overlapping claim', () => {
    const window = { start: 100, end: 200 };
    const claims = [
      { partnerId: 'a', start: 0, end: 100 },
      { partnerId: 'b', start: 199, end: 300 },
    ];
    expect(freePartnerIds(window, ['a', 'b', 'c'], claims)).toEqual(['a', 'c']);
  });

  it('tries the least booked partner first, and the order is stable for a booking', () => {
    const claims = [
      { partnerId: 'busy', start: 0, end: 1 },
      { partnerId: 'busy', start: 2, end: 3 },
      { partnerId: 'some', start: 0, end: 1 },
    ];
    const order = rankSlotCandidates(['busy', 'some', 'idle'], claims, 'booking-1');
    expect(order).toEqual(['idle', 'some', 'busy']);
    expect(rankSlotCandidates(['x', 'y', 'z'], [], 'b-7')).toEqual(
      rankSlotCandidates(['z', 'y', 'x'], [], 'b-7'),
    );
  });
});
