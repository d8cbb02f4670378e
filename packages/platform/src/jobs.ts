import type { Logger } from 'pino';
import { startDrainLoop } from './messaging/drain-loop.ts';

/** A service's background loop (sweeper, poller, worker): started after migrations, stopped before the pool closes. */
export interface Job {
  name: string;
  start(): { stop(): Promise<void> } | Promise<{ stop(): Promise<void> }>;
}

/**
 * Runs a job ahead of its timer, e.g. from a consumer that just queued work for it. Created in `wire`, so
 * consumers hold it before the job exists; a wake-up while the job is not running is dropped (its first run
 * and its timer find the work).
 */
export interface Wake {
  wake(): void;
  /** For the job it is given to: wake-ups run `run` until the returned function detaches it. */
  attach(run: () => void): () => void;
}

export function createWake(): Wake {
  let target: (() => void) | null = null;
  return {
    wake: () => target?.(),
    attach(run) {
      target = run;
      return () => {
        if (target === run) target = null;
      };
    },
  };
}

/**
 * A job that runs `run` every `everyMs`, and at once when `wake` is woken, never twice at once (a slow run
 * delays the next instead of overlapping it; wake-ups during a run coalesce into one more). Failures are
 * logged and the next tick tries again. `signal` aborts when the job stops, so a long run can end early.
 */
export function everyJob(
  name: string,
  options: { everyMs: number; logger: Logger; wake?: Wake },
  run: (signal: AbortSignal) => Promise<unknown>,
): Job {
  return {
    name,
    start() {
      const stopping = new AbortController();
      const loop = startDrainLoop({
        drain: async () => {
          await run(stopping.signal);
          return 0;
        },
        pollIntervalMs: options.everyMs,
        onError: (error) => options.logger.error({ err: error, job: name }, 'job failed'),
      });
      const detach = options.wake?.attach(() => void loop.flush());
      return {
        async stop() {
          detach?.();
          stopping.abort();
          await loop.stop();
        },
      };
    },
  };
}
