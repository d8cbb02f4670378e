import type { DispatchQueueItem } from '@zefy/contracts';
import { formatCountdown } from '@zefy/web-kit';

/** The customer's promise: a partner within five minutes of paying. */
export const promiseSeconds = 5 * 60;

/** How long a booking has waited against the promise: "3:12 of 5:00", or how far past it. */
export function waitingWords(waitedSeconds: number): { text: string; isLate: boolean } {
  if (waitedSeconds <= promiseSeconds)
    return { text: `${formatCountdown(waitedSeconds)} of ${formatCountdown(promiseSeconds)}`, isLate: false };
  return { text: `${formatCountdown(waitedSeconds - promiseSeconds)} past the promise`, isLate: true };
}

/** Oldest first: the booking that has waited longest is the one to look at. */
export const oldestFirst = (items: readonly DispatchQueueItem[]): DispatchQueueItem[] =>
  [...items].sort((a, b) => Date.parse(a.confirmedAt) - Date.parse(b.confirmedAt));

/** A booking's id as the console shows it everywhere: its last eight characters (the first are its time). */
export const shortId = (bookingId: string): string => bookingId.slice(-8);
