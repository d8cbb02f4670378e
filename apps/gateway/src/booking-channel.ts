import type { BookingChange, ServerMessage } from '@zefy/contracts';

/**
 * Where one socket's subscription to a `booking:<id>` channel stands: what the client has, and what waits.
 * Pure, so the order of live messages and timeline reads can be tested exhaustively.
 */
export interface ChangeCursor {
  /** The last sequence the client has: sent by us, or named by the client when it resumed. */
  last: number;
  /** A read of the timeline is under way: live changes wait in `held` until it answers. */
  isReading: boolean;
  /** A change that may have taken the booking away from the watcher came; a read must say they still may. */
  isRechecking: boolean;
  /** Live changes not sent yet, by sequence, so a duplicate is one entry. */
  held: ReadonlyMap<number, BookingChange>;
}

/** What to do next: changes to send now, in order, and whether to read the timeline after `cursor.last`. */
export interface Step {
  cursor: ChangeCursor;
  send: BookingChange[];
  read: boolean;
}

/** A new subscription: it reads what came after `after` before anything live is sent. */
export const resumeFrom = (after: number): Step => ({
  cursor: { last: after, isReading: true, isRechecking: false, held: new Map() },
  send: [],
  read: true,
});

/** Sends the held changes that follow on; a gap left (lost or not yet received) is filled by a read. */
function drain(cursor: ChangeCursor, send: BookingChange[]): Step {
  const held = new Map(cursor.held);
  let { last } = cursor;
  for (const sequence of [...held.keys()].sort((a, b) => a - b)) {
    if (sequence > last + 1) break;
    const change = held.get(sequence) as BookingChange;
    held.delete(sequence);
    if (sequence <= last) continue;
    send.push(change);
    last = sequence;
  }
  const hasGap = held.size > 0;
  return { cursor: { ...cursor, last, held, isReading: hasGap }, send, read: hasGap };
}

/**
 * A change published live. Already sent: dropped. While a read is under way: held. The next one: sent.
 * After a gap: held, and the timeline read for what lies between. `mayRevoke` (a partner released or
 * reassigned, seen by a partner): held until a read confirms they may still watch.
 */
export function onLiveChange(cursor: ChangeCursor, change: BookingChange, mayRevoke = false): Step {
  if (change.sequence <= cursor.last) return { cursor, send: [], read: false };
  const held = new Map(cursor.held).set(change.sequence, change);
  if (mayRevoke) {
    // a read already under way may have been answered before the change: ask again once it is back
    return {
      cursor: { ...cursor, held, isReading: true, isRechecking: true },
      send: [],
      read: !cursor.isReading,
    };
  }
  if (cursor.isReading) return { cursor: { ...cursor, held }, send: [], read: false };
  return drain({ ...cursor, held }, []);
}

/**
 * The timeline's answer to a read after `cursor.last` (the booking service also said the watcher may see
 * it): its entries, or, where it would not replay them (too many missed, or a sequence the booking never
 * reached), the sequence of the snapshot it gave instead (`resyncAt`), which the cursor then stands at.
 * Then the held changes that follow on; a gap reads again.
 */
export function onTimelineRead(
  cursor: ChangeCursor,
  page: { items: readonly BookingChange[]; resyncAt: number | null },
  wasRechecking: boolean,
): Step {
  const send: BookingChange[] = [];
  let last = page.resyncAt ?? cursor.last;
  for (const item of [...page.items].sort((a, b) => a.sequence - b.sequence)) {
    if (item.sequence <= last) continue;
    send.push(item);
    last = item.sequence;
  }
  // a revoking change that came while this read was under way needs a read that started after it
  if (cursor.isRechecking && !wasRechecking)
    return { cursor: { ...cursor, last, isReading: true }, send, read: true };
  return drain({ ...cursor, last, isRechecking: false }, send);
}

/** Position and ETA updates are worth only their latest: the key they replace each other by; null otherwise. */
export function latestOnlyKey(message: ServerMessage): string | null {
  if (message.type !== 'tracking') return null;
  const { kind } = message.update;
  return kind === 'position' || kind === 'eta' ? `${message.channel}|${kind}` : null;
}

/** Latest-only messages waiting for a socket to catch up, by `latestOnlyKey`. */
export type Backlog = ReadonlyMap<string, string>;

/**
 * What to write to a socket for one message, given how many bytes it has not sent yet: a latest-only
 * message waits while the socket is over `limitBytes`, replacing any older one of its key; anything
 * else (a state change) is always written, so a slow client misses positions, never changes.
 */
export function offer(
  backlog: Backlog,
  raw: string,
  key: string | null,
  bufferedBytes: number,
  limitBytes: number,
): { write: string[]; backlog: Backlog } {
  if (key === null) return { write: [raw], backlog };
  // the common case, a socket keeping up with nothing waiting: no copy
  if (bufferedBytes <= limitBytes && !backlog.has(key)) return { write: [raw], backlog };
  const next = new Map(backlog);
  if (bufferedBytes > limitBytes) return { write: [], backlog: next.set(key, raw) };
  next.delete(key);
  return { write: [raw], backlog: next };
}

/** The waiting latest messages, once the socket is back under `limitBytes`. */
export function release(
  backlog: Backlog,
  bufferedBytes: number,
  limitBytes: number,
): { write: string[]; backlog: Backlog } {
  if (backlog.size === 0 || bufferedBytes > limitBytes) return { write: [], backlog };
  return { write: [...backlog.values()], backlog: new Map() };
}
