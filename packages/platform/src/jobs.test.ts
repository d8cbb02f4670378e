import { describe, expect, it } from 'vitest';
import { createWake, everyJob } from './jobs.ts';
import { createLogger } from './logger.ts';

const logger = createLogger({ level: 'silent' });
const hourly = { everyMs: 3_600_000, logger };

describe('everyJob', () => {
  it('runs once on start, again when woken, and not after it stopped', async () => {
    const wake = createWake();
    let runs = 0;
    const job = everyJob('counter', { ...hourly, wake }, async () => {
      runs += 1;
    });
    wake.wake();
    const running = await job.start();
    await expect.poll(() => runs).toBe(1);
    wake.wake();
    await expect.poll(() => runs).toBe(2);
    await running.stop();
    wake.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toBe(2);
  });

  it('aborts the signal of the run in progress when it stops, and waits for that run', async () => {
    let finished = false;
    const job = everyJob('long', hourly, async (signal) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      finished = true;
    });
    const running = await job.start();
    await running.stop();
    expect(finished).toBe(true);
  });
});
