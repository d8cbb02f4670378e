import type { PartnerScheduleInput } from '@zefy/contracts';
import { weekdayOf } from '@zefy/rules';
import { describe, expect, it } from 'vitest';
import { checkSchedule, emptyWeek, normaliseSchedule, parseClock, workingIntervals } from './schedule.ts';

const schedule = (overrides: Partial<PartnerScheduleInput['weekly']> = {}, daysOff: string[] = []) => ({
  weekly: { ...emptyWeek(), ...overrides },
  daysOff,
});

describe('checkSchedule', () => {
  it('accepts ranges on the quarter hour, touching ranges, and a day that ends at midnight', () => {
    const valid = schedule({
      mon: [
        { start: '09:00', end: '13:00' },
        { start: '13:00', end: '17:45' },
      ],
      sat: [{ start: '18:15', end: '24:00' }],
    });
    expect(checkSchedule(valid)).toEqual([]);
  });

  it('names each problem by field: granularity, order, overlap, impossible times, dates', () => {
    const problems = checkSchedule(
      schedule(
        {
          mon: [{ start: '09:10', end: '10:00' }],
          tue: [{ start: '12:00', end: '11:00' }],
          wed: [
            { start: '14:00', end: '18:00' },
            { start: '09:00', end: '14:30' },
          ],
          thu: [{ start: '25:00', end: '24:15' }],
        },
        ['2026-02-30', '2026-03-01', '2026-03-01'],
      ),
    );
    expect(problems).toEqual([
      { field: 'weekly.mon[0]', message: 'must start and end on a 15-minute mark' },
      { field: 'weekly.tue[0]', message: 'must end after it starts (12:00–11:00)' },
      { field: 'weekly.wed[0]', message: 'overlaps 09:00–14:30' },
      { field: 'weekly.thu[0].start', message: 'must be a time from 00:00 to 23:45' },
      { field: 'weekly.thu[0].end', message: 'must be a time from 00:15 to 24:00' },
      { field: 'daysOff[0]', message: 'must be a calendar date YYYY-MM-DD' },
      { field: 'daysOff[2]', message: '2026-03-01 is listed twice' },
    ]);
  });

  it('refuses a range that starts at 24:00', () => {
    expect(checkSchedule(schedule({ fri: [{ start: '24:00', end: '24:00' }] }))).toContainEqual({
      field: 'weekly.fri[0].start',
      message: 'must be a time from 00:00 to 23:45',
    });
  });
});

describe('parseClock and normaliseSchedule', () => {
  it('reads HH:MM with 24:00 as the end of the day', () => {
    expect([parseClock('00:00'), parseClock('09:45'), parseClock('24:00')]).toEqual([0, 585, 1440]);
    expect([parseClock('24:30'), parseClock('9:45'), parseClock('10:60')]).toEqual([null, null, null]);
  });

  it('sorts ranges and days off for storage', () => {
    const stored = normaliseSchedule(
      schedule(
        {
          mon: [
            { start: '14:00', end: '18:00' },
            { start: '09:00', end: '12:00' },
          ],
        },
        ['2026-05-02', '2026-05-01'],
      ),
    );
    expect(stored.weekly.mon.map((range) => range.start)).toEqual(['09:00', '14:00']);
    expect(stored.daysOff).toEqual(['2026-05-01', '2026-05-02']);
  });
});

describe('working intervals in the hub timezone', () => {
  const kolkata = 'Asia/Kolkata';

  it('turns a Monday 09:00–13:00 in Kolkata into 03:30–07:30 UTC', () => {
    expect(weekdayOf('2026-03-02')).toBe('mon');
    const intervals = workingIntervals(
      schedule({ mon: [{ start: '09:00', end: '13:00' }] }),
      '2026-03-02',
      kolkata,
    );
    expect(intervals.map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()])).toEqual([
      ['2026-03-02T03:30:00.000Z', '2026-03-02T07:30:00.000Z'],
    ]);
  });

  it('merges touching ranges into one stretch and gives nothing on a day off or another weekday', () => {
    const week = schedule(
      {
        mon: [
          { start: '13:00', end: '17:00' },
          { start: '09:00', end: '13:00' },
        ],
      },
      ['2026-03-09'],
    );
    expect(workingIntervals(week, '2026-03-02', kolkata)).toEqual([
      { start: Date.parse('2026-03-02T03:30:00Z'), end: Date.parse('2026-03-02T11:30:00Z') },
    ]);
    expect(workingIntervals(week, '2026-03-09', kolkata)).toEqual([]);
    expect(workingIntervals(week, '2026-03-03', kolkata)).toEqual([]);
  });
});
