export interface DrainLoop {
  /** Runs `drain` now (or once more after the current run); resolves with what that run reported. */
  flush(): Promise<number>;
  isStopped(): boolean;
  /** Stops the timers and waits for the run in progress. */
  stop(): Promise<void>;
}

export interface DrainLoopOptions {
  /** Processes what is pending; resolves with how many items it handled. */
  drain: () => Promise<number>;
  /** Safety net for work whose wake-up was missed, and for work that becomes due with time. */
  pollIntervalMs: number;
  onError: (error: unknown) => void;
}

/**
 * Runs a background worker's `drain` on demand and on a timer, never twice at once: a request that arrives
 * during a run schedules exactly one more run, so bursts of wake-ups coalesce. The outbox relay and the push
 * worker are built on it.
 */
export function startDrainLoop(options: DrainLoopOptions): DrainLoop {
  let stopped = false;
  let running: Promise<number> | null = null;
  let again = false;

  function flush(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = options
      .drain()
      .catch((error: unknown) => {
        options.onError(error);
        return 0;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void flush();
        }
      });
    return running;
  }

  void flush();
  const poll = setInterval(() => void flush(), options.pollIntervalMs);
  poll.unref();

  return {
    flush,
    isStopped: () => stopped,
    async stop() {
      stopped = true;
      clearInterval(poll);
      await running;
    },
  };
}
