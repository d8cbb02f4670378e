import type { JobExtra } from '@zefy/contracts';

/** The job's times in a customer's words: pure, so they are tested without a browser. */

/** Elapsed time as a stopwatch shows it: 4:05, 12:05, 1:02:05. */
export function formatElapsed(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** The time of day in the hub's time zone, 24-hour: 10:42. */
export function clockInZone(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}

/** "Arrives in ~7 min, by 10:42"; within a minute, "Arriving now". */
export function arrivalWords(estimatedArrivalAt: string, nowMs: number, timeZone: string): string {
  const minutes = Math.round((Date.parse(estimatedArrivalAt) - nowMs) / 60_000);
  if (minutes < 1) return 'Arriving now';
  const inWords = minutes < 60 ? `~${minutes} min` : `~${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `Arrives in ${inWords}, by ${clockInZone(estimatedArrivalAt, timeZone)}`;
}

/** "Running about 8 min late" / "… early"; null when on time. */
export function punctualityWords(
  punctuality: 'on_time' | 'late' | 'early',
  deviationSeconds: number,
): string | null {
  if (punctuality === 'on_time') return null;
  const minutes = Math.max(1, Math.round(Math.abs(deviationSeconds) / 60));
  return `Running about ${minutes} min ${punctuality}`;
}

/** "1 h 5 min", "40 min": worked or included time. */
export function formatMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** The running total of extras the customer approved, before GST (still-proposed ones are not counted). */
export const approvedExtrasPaise = (extras: readonly JobExtra[]): number =>
  extras.reduce((sum, extra) => sum + (extra.status === 'approved' ? extra.amountPaise : 0), 0);
