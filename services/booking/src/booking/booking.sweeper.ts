import type { ServiceContext } from '@zefy/platform';
import { expireLapsedHolds } from './booking.repository.ts';

/**
 * Expires lapsed unpaid holds every `intervalMs`, emitting `booking.hold_expired` for each. Queries already
 * treat a lapsed hold as free; the sweeper makes it official and tells the customer. Every instance may run
 * one: SKIP LOCKED hands each hold to one of them.
 */
export async function startHoldSweeper(
  context: ServiceContext,
  intervalMs: number,
): Promise<() => Promise<void>> {
  let running: Promise<void> | null = null;
  const sweep = async () => {
    for (;;) {
      const expired = await expireLapsedHolds(context.db, context.clock);
      if (expired < 100) return;
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = sweep()
      .catch((error: unknown) => context.logger.warn({ err: error }, 'hold sweep failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
