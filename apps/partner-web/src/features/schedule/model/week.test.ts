import type { WeeklyPattern } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import { checkWeek, copyToAllDays, formatDay, minutesOf, nextHours, schedulePaths } from './week.ts';

const week = (patch: Partial<WeeklyPattern> = {}): WeeklyPattern => ({
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
  ...patch,
});

describe('nextHours', () => {
  it('offers a working day on a free day', () => {
    expect(nextHours([])).toEqual({ start: '09:00', end: '18:00' });
  });

  it('offers up to four hours after the day’s last hours, never an empty range', () => {
    expect(nextHours([{ start: '09:00', end: '18:00' }])).toEqual({ start: '18:00', end: '22:00' });
    expect(nextHours([{ start: '09:00', end: '22:30' }])).toEqual({ start: '22:30', end: '24:00' });
  });

  it('offers the longest free stretch once the evening is taken', () => {
    expect(
      nextHours([
        { start: '00:00', end: '06:00' },
        { start: '14:00', end: '24:00' },
      ]),
    ).toEqual({ start: '06:00', end: '10:00' });
  });

  it('offers nothing when no quarter hour of the day is free', () => {
    expect(nextHours([{ start: '00:00', end: '24:00' }])).toBeNull();
    expect(
      nextHours([
        { start: '00:00', end: '12:00' },
        { start: '12:10', end: '24:00' },
      ]),
    ).toBeNull();
  });

  it('keeps to the quarter-hour grid around hours that are off it', () => {
    expect(nextHours([{ start: '09:00', end: '17:50' }])).toEqual({ start: '18:00', end: '22:00' });
  });
});

describe('checkWeek', () => {
  it('finds nothing wrong with separate hours on the grid, the last ending at midnight', () => {
    expect(
      checkWeek(
        week({
          mon: [
            { start: '18:00', end: '24:00' },
            { start: '09:00', end: '13:00' },
          ],
        }),
      ),
    ).toEqual({});
  });

  it('names the range that is empty, inverted, off the grid or left blank, in plain words', () => {
    const problems = checkWeek(
      week({
        mon: [{ start: '09:00', end: '09:00' }],
        tue: [{ start: '18:00', end: '09:00' }],
        wed: [{ start: '09:10', end: '12:00' }],
        thu: [
          { start: '09:00', end: '12:00' },
          { start: '', end: '18:00' },
        ],
      }),
    );
    expect(problems).toEqual({
      'mon.0': 'These hours end when they start. Set a later end time',
      'tue.0': 'These hours end before they start',
      'wed.0': 'Use quarter hours: :00, :15, :30 or :45',
      'thu.1': 'Enter when these hours start and end',
    });
    expect(Object.values(problems).join(' ')).not.toMatch(/weekly|must/);
  });

  it('puts an overlap on the later of the two ranges, naming the earlier one', () => {
    expect(
      checkWeek(
        week({
          fri: [
            { start: '12:00', end: '20:00' },
            { start: '09:00', end: '13:00' },
          ],
        }),
      ),
    ).toEqual({ 'fri.0': 'These hours overlap 09:00–13:00' });
  });
});

describe('copyToAllDays', () => {
  it('gives every day the hours of the chosen day, as copies', () => {
    const copied = copyToAllDays(week({ wed: [{ start: '10:00', end: '14:00' }] }), 'wed');
    expect(Object.values(copied)).toEqual(Array(7).fill([{ start: '10:00', end: '14:00' }]));
    expect(copied.mon[0]).not.toBe(copied.wed[0]);
  });
});

describe('reading and showing hours', () => {
  it('reads the end of the day as 24:00 and an emptied field as nothing', () => {
    expect([minutesOf('09:30'), minutesOf('24:00'), minutesOf(''), minutesOf('24:15')]).toEqual([
      570,
      1440,
      null,
      null,
    ]);
  });

  it('shows a day as its hours, or Off', () => {
    expect(formatDay([])).toBe('Off');
    expect(
      formatDay([
        { start: '09:00', end: '13:00' },
        { start: '14:00', end: '18:00' },
      ]),
    ).toBe('09:00–13:00, 14:00–18:00');
  });

  it("puts booking's field paths for a day on that day's row", () => {
    expect(schedulePaths['weekly.tue']).toBe('tue');
    expect(schedulePaths['weekly.tue.start']).toBe('tue');
  });
});
