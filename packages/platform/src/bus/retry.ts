import { isTransientConflict } from '../db/database.ts';
import type { RetryPolicy } from './bus.ts';

/**
 * Whether a delivery that failed with `error` goes to the dead letters: after the policy's last attempt, unless
 * the database aborted the handler's transaction for a conflict with others (a deadlock), which says nothing
 * about the event, so it is retried with the policy's last delay for as long as that lasts.
 */
export const isDeadLetter = (retry: RetryPolicy, attempt: number, error: unknown): boolean =>
  attempt >= retry.maxAttempts && !isTransientConflict(error);

/** The delay before the attempt after `failedAttempt` (1-based); the policy's last delay repeats. */
export function retryDelayMs(retry: RetryPolicy, failedAttempt: number): number {
  return retry.backoffMs[Math.min(failedAttempt, retry.backoffMs.length) - 1] ?? 0;
}

/** What a dead letter records of the handler's failure. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
