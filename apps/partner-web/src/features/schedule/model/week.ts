import type { WeeklyPattern } from '@zefy/contracts';
import { type Weekday, weekdays } from '@zefy/rules';

export type WorkingHours = WeeklyPattern[Weekday][number];

export const dayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** Booking keeps schedules on a quarter-hour grid. */
const step = 15;
const endOfDay = 24 * 60;
/** What "Add hours" offers at most: a shift, not the rest of the day. */
const shiftMinutes = 4 * 60;

/** `"09:30"` → 570, `"24:00"` → 1440 (the end of the day); anything else (an emptied field) → null. */
export function minutesOf(time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= endOfDay ? minutes : null;
}

export const clockOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const formatHours = (hours: WorkingHours): string => `${hours.start}–${hours.end}`;

/** A day's hours as one line: "09:00–13:00, 14:00–18:00", or "Off". */
export const formatDay = (ranges: readonly WorkingHours[]): string =>
  ranges.length === 0 ? 'Off' : ranges.map(formatHours).join(', ');

/** The form's name for one range of hours, where its problem is shown: `mon.0`. */
export const hoursKey = (day: Weekday, index: number): string => `${day}.${index}`;

interface Span {
  start: number;
  end: number;
}

const spansOf = (ranges: readonly WorkingHours[]): Span[] =>
  ranges
    .map((range) => ({ start: minutesOf(range.start), end: minutesOf(range.end) }))
    .filter((span): span is Span => span.start !== null && span.end !== null && span.end > span.start)
    .sort((a, b) => a.start - b.start);

/**
 * The hours "Add hours" proposes for a day: 09:00–18:00 on a free day, else up to four hours in the time
 * left after the day's last hours (or, when the evening is taken, the longest free stretch). Never an empty
 * range: null when no quarter hour of the day is free.
 */
export function nextHours(ranges: readonly WorkingHours[]): WorkingHours | null {
  const taken = spansOf(ranges);
  if (taken.length === 0) return { start: '09:00', end: '18:00' };
  const gaps: Span[] = [];
  let cursor = 0;
  for (const span of taken) {
    if (span.start > cursor) gaps.push({ start: cursor, end: span.start });
    cursor = Math.max(cursor, span.end);
  }
  if (cursor < endOfDay) gaps.push({ start: cursor, end: endOfDay });
  const onGrid = gaps
    .map((gap) => ({
      start: Math.ceil(gap.start / step) * step,
      end: Math.floor(gap.end / step) * step,
    }))
    .filter((gap) => gap.end > gap.start);
  const gap =
    onGrid.find((candidate) => candidate.start >= cursor) ??
    onGrid.reduce<Span | undefined>(
      (longest, candidate) =>
        !longest || candidate.end - candidate.start > longest.end - longest.start ? candidate : longest,
      undefined,
    );
  if (!gap) return null;
  return { start: clockOf(gap.start), end: clockOf(Math.min(gap.end, gap.start + shiftMinutes)) };
}

/** Every day of the week gets `day`'s hours. */
export function copyToAllDays(weekly: WeeklyPattern, day: Weekday): WeeklyPattern {
  const copy = {} as WeeklyPattern;
  for (const other of weekdays) copy[other] = weekly[day].map((range) => ({ ...range }));
  return copy;
}

/**
 * What stops the week from being saved, in plain words, by range (`hoursKey`): a time left empty, one off
 * the quarter-hour grid, hours that end when (or before) they start, hours that overlap others of the day.
 */
export function checkWeek(weekly: WeeklyPattern): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const day of weekdays) {
    const valid: Array<Span & { key: string; range: WorkingHours }> = [];
    weekly[day].forEach((range, index) => {
      const key = hoursKey(day, index);
      const start = minutesOf(range.start);
      const end = minutesOf(range.end);
      if (start === null || end === null) problems[key] = 'Enter when these hours start and end';
      else if (start % step !== 0 || end % step !== 0)
        problems[key] = 'Use quarter hours: :00, :15, :30 or :45';
      else if (end === start) problems[key] = 'These hours end when they start. Set a later end time';
      else if (end < start) problems[key] = 'These hours end before they start';
      else valid.push({ start, end, key, range });
    });
    valid.sort((a, b) => a.start - b.start);
    for (let i = 1; i < valid.length; i += 1) {
      const previous = valid[i - 1];
      const current = valid[i];
      if (previous && current && current.start < previous.end)
        problems[current.key] = `These hours overlap ${formatHours(previous.range)}`;
    }
  }
  return problems;
}

/** Where booking's answer about a schedule goes: `weekly.mon[0].start` is shown on Monday's row. */
export const scheduleFields = [...weekdays, 'daysOff'] as const;
export const schedulePaths: Record<string, Weekday> = Object.fromEntries(
  weekdays.flatMap((day) => [
    [`weekly.${day}`, day],
    [`weekly.${day}.start`, day],
    [`weekly.${day}.end`, day],
  ]),
);
