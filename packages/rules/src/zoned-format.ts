/**
 * Times as people read them: in Indian English and in the hub's time zone, never the device's (a phone set
 * to UTC must still see the 9:00 slot it booked in Bengaluru as 9:00).
 */
const locale = 'en-IN';

const styles = {
  /** "Tue, 3 Mar, 9:00 am": a booked slot */
  slot: { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
  /** "Tue, 3 Mar" */
  day: { weekday: 'short', day: 'numeric', month: 'short' },
  /** "9:00 am" */
  time: { hour: 'numeric', minute: '2-digit' },
  /** "3 Mar 2026, 9:00 am" */
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** "3 Mar 2026, 9:00:12 am": when something happened, for staff */
  instant: { dateStyle: 'medium', timeStyle: 'medium' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type TimeStyle = keyof typeof styles;

// building a formatter costs far more than using one, and a list formats the same few again and again
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: TimeStyle, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...styles[style], timeZone });
    formatters.set(key, format);
  }
  return format;
}

/** An instant (ISO 8601 or epoch milliseconds) as the clocks of `timeZone` show it. */
export function formatInZone(instant: string | number, timeZone: string, style: TimeStyle): string {
  return formatter(style, timeZone).format(new Date(instant));
}

/** A window with what its ends share said once: "Tue, 3 Mar, 9:00 – 10:00 am". */
export function formatWindowInZone(
  window: { startsAt: string; endsAt: string },
  timeZone: string,
  style: TimeStyle,
): string {
  return formatter(style, timeZone).formatRange(new Date(window.startsAt), new Date(window.endsAt));
}

/** A calendar date (`YYYY-MM-DD`, already a day of the hub): "Tue, 3 Mar" wherever it is read. */
export function formatCalendarDate(date: string): string {
  return formatter('day', 'UTC').format(new Date(`${date}T00:00:00Z`));
}
