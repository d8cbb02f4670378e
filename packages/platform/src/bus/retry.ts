import type { RetryPolicy } from './bus.ts';

/** The delay before the attempt after `failedAttempt` (1-based); the policy's last delay repeats. */
export function retryDelayMs(retry: RetryPolicy, failedAttempt: number): number {
  return retry.backoffMs[Math.min(failedAttempt, retry.backoffMs.length) - 1] ?? 0;
}

/** What a dead letter records of the handler's failure. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
