import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatInZone, formatWindowInZone } from './zoned-format.ts';

// Intl may put narrow or thin spaces around "am" and "–": compare with plain spaces
const plain = (text: string) => text.replace(/\s/g, ' ');
const nineInKolkata = { startsAt: '2026-03-03T03:30:00.000Z', endsAt: '2026-03-03T04:30:00.000Z' };

describe('times in the hub time zone', () => {
  it('shows a 9:00 Kolkata slot as 9:00 whatever the zone of the machine formatting it', () => {
    expect(plain(formatInZone(nineInKolkata.startsAt, 'Asia/Kolkata', 'slot'))).toBe('Tue, 3 Mar, 9:00 am');
    expect(plain(formatInZone(Date.parse(nineInKolkata.startsAt), 'Asia/Kolkata', 'time'))).toBe('9:00 am');
    expect(plain(formatInZone(nineInKolkata.startsAt, 'UTC', 'time'))).toBe('3:30 am');
  });

  it('says once what both ends of a window share', () => {
    expect(plain(formatWindowInZone(nineInKolkata, 'Asia/Kolkata', 'slot'))).toBe(
      'Tue, 3 Mar, 9:00 – 10:00 am',
    );
    expect(plain(formatWindowInZone(nineInKolkata, 'Asia/Kolkata', 'dateTime'))).toBe(
      '3 Mar 2026, 9:00 – 10:00 am',
    );
  });

  it('names the day of a window in the hub, which may not be the UTC day', () => {
    expect(plain(formatInZone('2026-03-02T20:00:00.000Z', 'Asia/Kolkata', 'dateTime'))).toBe(
      '3 Mar 2026, 1:30 am',
    );
  });

  it('shows a calendar date as the same day in every zone', () => {
    expect(formatCalendarDate('2026-03-03')).toBe('Tue, 3 Mar');
    expect(formatCalendarDate('2026-12-31')).toBe('Thu, 31 Dec');
  });
});
