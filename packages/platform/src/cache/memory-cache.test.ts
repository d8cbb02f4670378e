import { describe, expect, it } from 'vitest';
import { createMemoryCache } from './memory-cache.ts';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("memory cache's pub/sub queue", () => {
  it('delivers a long queue in publish order, what handlers publish meanwhile after it, until it is empty', async () => {
    const cache = createMemoryCache();
    const seen: string[] = [];
    await cache.subscribe('offers', (message) => {
      seen.push(message);
      // every hundredth delivery publishes again, into the queue being drained
      if (Number(message) % 100 === 0) void cache.publish('follow-ups', `after ${message}`);
    });
    await cache.subscribe('follow-ups', (message) => seen.push(message));
    const published = Array.from({ length: 5000 }, (_, index) => String(index));
    await cache.publishEach(published.map((message) => ({ channel: 'offers', message })));
    while (seen.length < 5050) await nextTurn();
    const followUps = published.filter((message) => Number(message) % 100 === 0).map((m) => `after ${m}`);
    expect(seen.filter((message) => !message.startsWith('after'))).toEqual(published);
    expect(seen.filter((message) => message.startsWith('after'))).toEqual(followUps);
    // each follow-up was queued behind the whole first wave
    expect(seen.indexOf('after 0')).toBe(5000);

    await cache.publish('offers', 'later');
    await nextTurn();
    expect(seen.at(-1)).toBe('later');
    await cache.close();
  });

  it('goes out a slice per turn of the event loop, a quarter of what waits, at least a hundred', async () => {
    const cache = createMemoryCache();
    let delivered = 0;
    await cache.subscribe('wave', () => delivered++);
    await cache.publishEach(
      Array.from({ length: 1000 }, (_, index) => ({ channel: 'wave', message: `${index}` })),
    );
    expect(delivered).toBe(0);
    const afterEachTurn: number[] = [];
    while (delivered < 1000) {
      await nextTurn();
      afterEachTurn.push(delivered);
    }
    // 250 of 1000, 188 of 750, 141 of 562, 106 of 421, then 100 a turn, then the last 15
    expect(afterEachTurn).toEqual([250, 438, 579, 685, 785, 885, 985, 1000]);
    await cache.close();
  });
});
