/**
 * Wall-clock time in a hub's IANA timezone, with Intl only (no tz database of our own). Instants are epoch
 * milliseconds; dates are `YYYY-MM-DD` calendar days in the zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function wallClock(instant: number, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return parts;
}

/** How far the zone's wall clock is ahead of UTC at `instant` (IST: +5:30). */
function offsetMs(instant: number, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(date: string): { year: number; month: number; day: number } | null {
  const match = datePattern.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return { year, month, day };
}

const mustParse = (date: string) => {
  const parsed = parseDate(date);
  if (!parsed) throw new RangeError(`not a calendar date: ${date}`);
  return parsed;
};

/** Answers already worked out: a hold reads every partner's hours on the same days, the same few wall times. */
const instants = new Map<string, number>();
const rememberedInstants = 10_000;

/**
 * The instant when the zone's clock shows `minuteOfDay` on `date` (1440 = the next midnight). Two passes
 * settle the offset across a DST change; a wall time skipped by DST maps to the instant after the gap.
 */
export function zonedInstant(date: string, minuteOfDay: number, timeZone: string): number {
  const key = `${timeZone} ${date} ${minuteOfDay}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const { year, month, day } = mustParse(date);
  const naive = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  const first = naive - offsetMs(naive, timeZone);
  const instant = naive - offsetMs(first, timeZone);
  if (instants.size >= rememberedInstants) instants.clear();
  instants.set(key, instant);
  return instant;
}

/** The calendar date the zone's clock shows at `instant`. */
export function zonedDate(instant: number, timeZone: string): string {
  const p = wallClock(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Minutes since the zone's midnight at `instant`. */
export function zonedMinuteOfDay(instant: number, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  return p.hour * 60 + p.minute;
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = mustParse(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** The weekday of a calendar date (the same everywhere: it is a date, not an instant). */
export function weekdayOf(date: string): Weekday {
  const { year, month, day } = mustParse(date);
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekdays[(sundayFirst + 6) % 7] as Weekday;
}
