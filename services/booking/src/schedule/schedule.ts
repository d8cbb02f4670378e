import type { PartnerScheduleInput, WeeklyPattern } from '@zefy/contracts';
import { parseDate, type Weekday, weekdayOf, weekdays, zonedInstant } from '@zefy/rules';

/** Schedules are edited on a quarter-hour grid: fine enough for people, coarse enough to reason about. */
export const scheduleGranularityMinutes = 15;

export interface ScheduleProblem {
  field: string;
  message: string;
}

/** Half-open [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

export const emptyWeek = (): WeeklyPattern => ({
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
});

/** `"09:30"` → 570; `"24:00"` → 1440 (the end of the day); anything else → null. */
export function parseClock(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

const formatRange = (range: { start: string; end: string }) => `${range.start}–${range.end}`;

/** Everything wrong with a schedule, field by field (empty when valid). */
export function checkSchedule(input: PartnerScheduleInput): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  for (const day of weekdays) {
    const parsed = input.weekly[day].map((range, index) => {
      const field = `weekly.${day}[${index}]`;
      const start = parseClock(range.start);
      const end = parseClock(range.end);
      if (start === null || start === 24 * 60)
        problems.push({ field: `${field}.start`, message: 'must be a time from 00:00 to 23:45' });
      if (end === null)
        problems.push({ field: `${field}.end`, message: 'must be a time from 00:15 to 24:00' });
      if (start === null || end === null) return null;
      if (start % scheduleGranularityMinutes !== 0 || end % scheduleGranularityMinutes !== 0)
        problems.push({
          field,
          message: `must start and end on a ${scheduleGranularityMinutes}-minute mark`,
        });
      if (end <= start) problems.push({ field, message: `must end after it starts (${formatRange(range)})` });
      return { field, start, end, range };
    });
    const valid = parsed.filter((range) => range !== null && range.end > range.start);
    const sorted = [...valid].sort((a, b) => (a?.start ?? 0) - (b?.start ?? 0));
    for (let i = 1; i < sorted.length; i += 1) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (previous && current && current.start < previous.end)
        problems.push({ field: current.field, message: `overlaps ${formatRange(previous.range)}` });
    }
  }
  const seen = new Set<string>();
  input.daysOff.forEach((date, index) => {
    const field = `daysOff[${index}]`;
    if (!parseDate(date)) problems.push({ field, message: 'must be a calendar date YYYY-MM-DD' });
    else if (seen.has(date)) problems.push({ field, message: `${date} is listed twice` });
    seen.add(date);
  });
  return problems;
}

/** The stored form: ranges sorted by start, days off sorted. Call after checkSchedule found nothing. */
export function normaliseSchedule(input: PartnerScheduleInput): PartnerScheduleInput {
  const weekly = emptyWeek();
  for (const day of weekdays)
    weekly[day] = [...input.weekly[day]].sort(
      (a, b) => (parseClock(a.start) ?? 0) - (parseClock(b.start) ?? 0),
    );
  return { weekly, daysOff: [...input.daysOff].sort() };
}

/** When the partner works on `date` (a calendar day in the hub's zone), as instants. */
export function workingIntervals(schedule: PartnerScheduleInput, date: string, timeZone: string): Interval[] {
  if (schedule.daysOff.includes(date)) return [];
  const day: Weekday = weekdayOf(date);
  const intervals = schedule.weekly[day]
    .flatMap((range) => {
      const start = parseClock(range.start);
      const end = parseClock(range.end);
      if (start === null || end === null || end <= start) return [];
      return [{ start: zonedInstant(date, start, timeZone), end: zonedInstant(date, end, timeZone) }];
    })
    .sort((a, b) => a.start - b.start);
  // 09:00–13:00 and 13:00–17:00 are one stretch of work: a 12:30 slot fits
  return intervals.reduce<Interval[]>((merged, interval) => {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
    return merged;
  }, []);
}
