import type { DispatchQueueItem } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import { oldestFirst, waitingWords } from './queue.ts';

describe('waitingWords', () => {
  it('counts up to the five-minute promise, then says how far past it', () => {
    expect(waitingWords(192)).toEqual({ text: '3:12 of 5:00', isLate: false });
    expect(waitingWords(300)).toEqual({ text: '5:00 of 5:00', isLate: false });
    expect(waitingWords(340)).toEqual({ text: '0:40 past the promise', isLate: true });
  });
});

describe('oldestFirst', () => {
  it('puts the booking confirmed longest ago first, whatever the server’s order', () => {
    const item = (bookingId: string, confirmedAt: string) =>
      ({ bookingId, confirmedAt }) as DispatchQueueItem;
    const items = [item('b', '2026-03-02T10:02:00.000Z'), item('a', '2026-03-02T10:00:00.000Z')];
    expect(oldestFirst(items).map((entry) => entry.bookingId)).toEqual(['a', 'b']);
    expect(items.map((entry) => entry.bookingId)).toEqual(['b', 'a']);
  });
});
