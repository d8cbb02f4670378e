import { describe, expect, it } from 'vitest';
import { addDays, parseDate, weekdayOf, zonedDate, zonedInstant, zonedMinuteOfDay } from './zoned-time.ts';

const kolkata = 'Asia/Kolkata';

describe('wall-clock time in a time zone', () => {
  it('finds the instant a Kolkata clock shows 09:00', () => {
    expect(new Date(zonedInstant('2026-03-02', 540, kolkata)).toISOString()).toBe('2026-03-02T03:30:00.000Z');
  });

  it('follows daylight saving time where the hub has it', () => {
    // London moves to BST on 2026-03-29: 09:00 local is 09:00Z the day before and 08:00Z that day
    expect(new Date(zonedInstant('2026-03-28', 540, 'Europe/London')).toISOString()).toBe(
      '2026-03-28T09:00:00.000Z',
    );
    expect(new Date(zonedInstant('2026-03-29', 540, 'Europe/London')).toISOString()).toBe(
      '2026-03-29T08:00:00.000Z',
    );
  });

  it('reads dates and minutes back in the zone, across midnight UTC', () => {
    const instant = Date.parse('2026-03-01T20:00:00Z');
    expect(zonedDate(instant, kolkata)).toBe('2026-03-02');
    expect(zonedMinuteOfDay(instant, kolkata)).toBe(90);
    expect(zonedInstant('2026-03-02', 1440, kolkata)).toBe(Date.parse('2026-03-02T18:30:00Z'));
  });
});

describe('calendar dates', () => {
  it('adds days across month ends and names weekdays', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-03-02')).toBe('mon');
  });

  it('reads only real calendar dates', () => {
    expect(parseDate('2026-03-02')).toEqual({ year: 2026, month: 3, day: 2 });
    expect([parseDate('2026-02-30'), parseDate('2026-3-2')]).toEqual([null, null]);
  });
});
