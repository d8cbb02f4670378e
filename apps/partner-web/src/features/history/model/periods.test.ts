import { describe, expect, it } from 'vitest';
import { formatDay, formatWeek, starsOf } from './periods.ts';

describe('the history screen', () => {
  it('says a day of earnings as a date, never moved by the time zone', () => {
    expect(formatDay('2026-03-02')).toMatch(/Mon.*2.*Mar.*2026/);
    expect(formatDay('not a day')).toBe('not a day');
  });

  it('says an ISO week as its number and year', () => {
    expect(formatWeek('2026-W10')).toBe('Week 10 of 2026');
    expect(formatWeek('2026-10')).toBe('2026-10');
  });

  it('draws stars out of five', () => {
    expect(starsOf(4)).toBe('★★★★☆');
    expect(starsOf(5)).toBe('★★★★★');
  });
});
