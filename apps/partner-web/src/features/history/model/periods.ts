/** A day of the earnings (`YYYY-MM-DD`, the hub's date) as people say it: `Mon, 2 Mar 2026`. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  // the date itself, not an instant: formatted in UTC so no time zone moves it to a neighbouring day
  return new Intl.DateTimeFormat('en-IN', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, date)));
}

/** An ISO week of the earnings (`YYYY-Www`) as people say it: `Week 10 of 2026`. */
export function formatWeek(week: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  return match ? `Week ${Number(match[2])} of ${match[1]}` : week;
}

/** `★★★★☆` for 4 stars, with the number for screen readers beside it. */
export const starsOf = (stars: number): string => '★'.repeat(stars) + '☆'.repeat(Math.max(0, 5 - stars));
