import { describe, expect, it } from 'vitest';
import {
  emptyQueue,
  enqueue,
  isFinalFailure,
  nextBatch,
  type PositionQueue,
  parseQueue,
  settle,
} from './position-queue.ts';

const fixAtSecond = (second: number) => ({
  lat: 12.93 + second / 10_000,
  lng: 77.61,
  accuracyMeters: 10,
  fixAt: new Date(Date.UTC(2026, 2, 2, 10, 0, second)).toISOString(),
});

const queueOf = (...seconds: number[]): PositionQueue =>
  seconds.reduce((queue, second) => enqueue(queue, fixAtSecond(second)), emptyQueue);

describe('the offline position queue', () => {
  it('keeps fixes oldest first and drops a fix not newer than the last one queued (a duplicate or a late report)', () => {
    const queue = queueOf(10, 20, 20, 15, 30);
    expect(queue.fixes.map((fix) => fix.fixAt)).toEqual([
      fixAtSecond(10).fixAt,
      fixAtSecond(20).fixAt,
      fixAtSecond(30).fixAt,
    ]);
    expect(queue.lastFixAt).toBe(fixAtSecond(30).fixAt);
  });

  it('never queues again a fix already sent', () => {
    const sent = settle(queueOf(10, 20), nextBatch(queueOf(10, 20)));
    expect(sent.fixes).toEqual([]);
    expect(enqueue(sent, fixAtSecond(20))).toBe(sent);
    expect(enqueue(sent, fixAtSecond(21)).fixes).toEqual([fixAtSecond(21)]);
  });

  it('drops the oldest fixes past the most it keeps', () => {
    const queue = [1, 2, 3, 4, 5].reduce((kept, second) => enqueue(kept, fixAtSecond(second), 3), emptyQueue);
    expect(queue.fixes).toEqual([fixAtSecond(3), fixAtSecond(4), fixAtSecond(5)]);
  });

  it('ignores a fix whose time cannot be read', () => {
    expect(enqueue(emptyQueue, { ...fixAtSecond(1), fixAt: 'yesterday' })).toBe(emptyQueue);
  });

  it('sends the oldest fixes first, at most a batch at a time', () => {
    const queue = queueOf(1, 2, 3, 4, 5);
    expect(nextBatch(queue, 2)).toEqual([fixAtSecond(1), fixAtSecond(2)]);
    expect(nextBatch(emptyQueue)).toEqual([]);
  });

  it('after an upload, keeps the fixes queued while it was on its way', () => {
    const queue = queueOf(1, 2);
    const batch = nextBatch(queue);
    const meanwhile = enqueue(queue, fixAtSecond(3));
    expect(settle(meanwhile, batch).fixes).toEqual([fixAtSecond(3)]);
  });

  it('retries a failed upload with the same fixes in the same order, unless the failure is for good', () => {
    const queue = queueOf(1, 2);
    const batch = nextBatch(queue);
    // no signal (status 0), a server error, another upload in progress, tracking not yet told of "On my way":
    // not settled, so sent again
    for (const status of [0, 503, 409]) expect(isFinalFailure(status)).toBe(false);
    expect(nextBatch(queue)).toEqual(batch);
    // every fix refused: dropped
    expect(isFinalFailure(400)).toBe(true);
  });

  it('reads a stored queue back, and anything unreadable as empty', () => {
    const queue = queueOf(1, 2);
    expect(parseQueue(JSON.stringify(queue))).toEqual(queue);
    expect(parseQueue(null)).toEqual(emptyQueue);
    expect(parseQueue('{oops')).toEqual(emptyQueue);
    expect(parseQueue('{"fixes": 3, "lastFixAt": null}')).toEqual(emptyQueue);
    expect(
      parseQueue(JSON.stringify({ fixes: [{ lat: 1 }, fixAtSecond(4)], lastFixAt: null })).fixes,
    ).toEqual([fixAtSecond(4)]);
  });
});
