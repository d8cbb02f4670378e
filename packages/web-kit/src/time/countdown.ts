/** Whole seconds from `now` until `until` (ms since the epoch), never below zero; a started second counts. */
export const secondsUntil = (until: number, now: number): number =>
  Math.max(0, Math.ceil((until - now) / 1000));

/** 87 → "1:27", as a countdown reads. */
export const formatCountdown = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Whole seconds from `since` (ms since the epoch) to `now`, never below zero: how long something has waited. */
export const secondsSince = (since: number, now: number): number =>
  Math.max(0, Math.floor((now - since) / 1000));
