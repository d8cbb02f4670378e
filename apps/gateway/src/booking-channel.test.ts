import type { BookingChange } from '@zefy/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChangeCursor,
  latestOnlyKey,
  offer,
  onLiveChange,
  onTimelineRead,
  release,
  resumeFrom,
  type Step,
} from './booking-channel.ts';

const change = (sequence: number): BookingChange => ({
  sequence,
  eventId: `e${sequence}`,
  type: 'booking.en_route',
  occurredAt: '2026-12-07T10:00:00.000Z',
  actor: { kind: 'partner', id: 'p1' },
  data: { bookingId: 'b1' } as never,
});
const sequences = (step: Step) => step.send.map((sent) => sent.sequence);
const live = (cursor: ChangeCursor) => ({ ...cursor, isReading: false });

describe('a booking channel subscription', () => {
  it('reads what the client missed before sending anything, holding live changes meanwhile', () => {
    const started = resumeFrom(3);
    expect(started.read).toBe(true);
    const during = onLiveChange(started.cursor, change(6));
    expect(during).toMatchObject({ send: [], read: false });
    const read = onTimelineRead(during.cursor, { items: [change(4), change(5)], resyncAt: null }, false);
    expect(sequences(read)).toEqual([4, 5, 6]);
    expect(read.read).toBe(false);
    expect(read.cursor).toMatchObject({ last: 6, isReading: false, held: new Map() });
  });

  it('sends a live change once: the one read and the one published are the same sequence', () => {
    const started = resumeFrom(0);
    const during = onLiveChange(started.cursor, change(1));
    const read = onTimelineRead(during.cursor, { items: [change(1)], resyncAt: null }, false);
    expect(sequences(read)).toEqual([1]);
    expect(sequences(onLiveChange(read.cursor, change(1)))).toEqual([]);
  });

  it('sends the next change at once and reads the timeline over a gap', () => {
    const cursor = live(resumeFrom(4).cursor);
    expect(sequences(onLiveChange(cursor, change(5)))).toEqual([5]);
    const gap = onLiveChange(cursor, change(7));
    expect(gap).toMatchObject({ send: [], read: true });
    const filled = onTimelineRead(gap.cursor, { items: [change(5), change(7)], resyncAt: null }, false);
    // 6 was a dispatch step this watcher does not see: the read says so by skipping it
    expect(sequences(filled)).toEqual([5, 7]);
  });

  it('stands at a snapshot instead of replaying, then sends the changes that follow on', () => {
    const started = resumeFrom(2);
    const held = onLiveChange(onLiveChange(started.cursor, change(40)).cursor, change(41));
    const resynced = onTimelineRead(held.cursor, { items: [], resyncAt: 40 }, false);
    expect(sequences(resynced)).toEqual([41]);
    expect(resynced.cursor).toMatchObject({ last: 41, isReading: false, held: new Map() });
  });

  it('stands at a snapshot behind a sequence the client named that the booking never reached', () => {
    const resynced = onTimelineRead(resumeFrom(90).cursor, { items: [], resyncAt: 7 }, false);
    expect(resynced.cursor.last).toBe(7);
    expect(sequences(onLiveChange(resynced.cursor, change(8)))).toEqual([8]);
  });

  it('reads again after a read that started before a held change past a gap', () => {
    const started = resumeFrom(0);
    const held = onLiveChange(started.cursor, change(5));
    const first = onTimelineRead(
      held.cursor,
      { items: [change(1), change(2), change(3)], resyncAt: null },
      false,
    );
    // 5 came while reading, after a gap: another read finds 4
    expect(first).toMatchObject({ read: true });
    const second = onTimelineRead(first.cursor, { items: [change(4), change(5)], resyncAt: null }, false);
    expect([...sequences(first), ...sequences(second)]).toEqual([1, 2, 3, 4, 5]);
  });

  it('holds a change that may take the booking from its partner until a read after it says they still may', () => {
    const cursor = live(resumeFrom(2).cursor);
    const released = onLiveChange(cursor, change(3), true);
    expect(released).toMatchObject({ send: [], read: true, cursor: { isRechecking: true } });
    const confirmed = onTimelineRead(released.cursor, { items: [change(3)], resyncAt: null }, true);
    expect(sequences(confirmed)).toEqual([3]);
    expect(confirmed.cursor.isRechecking).toBe(false);
  });

  it('asks again when the revoking change came during a read that started before it', () => {
    const reading = resumeFrom(2);
    const released = onLiveChange(reading.cursor, change(3), true);
    expect(released.read).toBe(false);
    const stale = onTimelineRead(released.cursor, { items: [], resyncAt: null }, false);
    expect(stale).toMatchObject({ send: [], read: true, cursor: { isRechecking: true } });
  });

  it('delivers exactly the timeline after the resume point or the last snapshot, in order, whatever live messages do', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 10 }),
        fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
        fc.integer({ min: 1, max: 4 }),
        (visible, after, choices, replayLimit) => {
          const timeline = [...visible].sort((a, b) => a - b);
          let committed = 0;
          let flight: number[] = [];
          let reads: Array<{ snapshot: number; wasRechecking: boolean }> = [];
          const received: number[] = [];
          let resyncedAt = after;
          let step = resumeFrom(after);
          const apply = (next: Step, wasRechecking: boolean) => {
            received.push(...sequences(next));
            if (next.read) reads.push({ snapshot: committed, wasRechecking });
            step = next;
          };
          apply(step, false);
          const answer = (read: { snapshot: number; wasRechecking: boolean }) => {
            const committedSoFar = timeline.slice(0, read.snapshot);
            const seen = committedSoFar.filter((sequence) => sequence > step.cursor.last);
            // the booking service's answer: the missed changes, or a snapshot when they are too many
            const isResync = seen.length > replayLimit;
            if (isResync) resyncedAt = committedSoFar.at(-1) as number;
            const page = isResync
              ? { items: [], resyncAt: resyncedAt }
              : { items: seen.map(change), resyncAt: null };
            apply(onTimelineRead(step.cursor, page, read.wasRechecking), step.cursor.isRechecking);
          };
          let choice = 0;
          const next = () => choices[choice++ % choices.length] as number;
          while (committed < timeline.length || flight.length > 0 || reads.length > 0) {
            const action = next() % 4;
            if (action === 0 && committed < timeline.length) {
              const sequence = timeline[committed++] as number;
              // pub/sub may duplicate (a redelivery) a message; the last one always arrives at least once
              const copies = committed === timeline.length ? 1 + (next() % 2) : next() % 3;
              flight.push(...Array.from({ length: copies }, () => sequence));
            } else if (action === 1 && flight.length > 0) {
              const index = next() % flight.length;
              const sequence = flight[index] as number;
              flight = flight.filter((_, at) => at !== index);
              apply(onLiveChange(step.cursor, change(sequence), next() % 5 === 0), step.cursor.isRechecking);
            } else if (action === 2 && reads.length > 0) {
              const [read, ...rest] = reads;
              reads = rest;
              answer(read as { snapshot: number; wasRechecking: boolean });
            } else if (action === 3 && committed === timeline.length) {
              // nothing left to commit: let what is in flight and under way finish
              if (flight.length > 0) {
                const sequence = flight.shift() as number;
                apply(onLiveChange(step.cursor, change(sequence)), step.cursor.isRechecking);
              } else if (reads.length > 0) {
                const [read, ...rest] = reads;
                reads = rest;
                answer(read as { snapshot: number; wasRechecking: boolean });
              }
            }
          }
          expect(received.filter((sequence) => sequence > resyncedAt)).toEqual(
            timeline.filter((sequence) => sequence > resyncedAt),
          );
          expect(received).toEqual([...new Set(received)].sort((a, b) => a - b));
          expect(step.cursor.isReading).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a slow socket', () => {
  const position = (lat: number) =>
    JSON.stringify({
      type: 'tracking',
      channel: 'booking:b1',
      update: {
        kind: 'position',
        bookingId: 'b1',
        position: { lat, lng: 77, accuracyMeters: 5, fixAt: '2026-12-07T10:00:00.000Z' },
      },
    });
  const keyOf = (raw: string) => latestOnlyKey(JSON.parse(raw));

  it('keeps only the latest position while over the limit, then sends it', () => {
    let backlog: ReadonlyMap<string, string> = new Map();
    for (const lat of [1, 2, 3]) {
      const offered = offer(backlog, position(lat), keyOf(position(lat)), 10_000, 1_000);
      expect(offered.write).toEqual([]);
      backlog = offered.backlog;
    }
    expect(release(backlog, 5_000, 1_000).write).toEqual([]);
    expect(release(backlog, 0, 1_000)).toEqual({ write: [position(3)], backlog: new Map() });
  });

  it('never holds back a state change, and a fresh position replaces a held one', () => {
    const change = JSON.stringify({ type: 'change', channel: 'booking:b1', change: {} });
    expect(keyOf(change)).toBeNull();
    const held = offer(new Map(), position(1), keyOf(position(1)), 10_000, 1_000).backlog;
    expect(offer(held, change, null, 10_000, 1_000).write).toEqual([change]);
    expect(offer(held, position(2), keyOf(position(2)), 0, 1_000)).toEqual({
      write: [position(2)],
      backlog: new Map(),
    });
  });

  it('keys positions and ETAs apart, and per channel', () => {
    const eta = { type: 'tracking', channel: 'booking:b1', update: { kind: 'eta' } } as never;
    const arrival = { type: 'tracking', channel: 'booking:b1', update: { kind: 'arrival' } } as never;
    expect(latestOnlyKey(eta)).toBe('booking:b1|eta');
    expect(keyOf(position(1))).toBe('booking:b1|position');
    expect(latestOnlyKey(arrival)).toBeNull();
  });
});
