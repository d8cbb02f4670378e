import type { PositionFixInput } from '@zefy/contracts';

/**
 * The fixes of one job not yet taken by tracking, oldest first, kept on the phone (localStorage) so a
 * partner out of signal loses none of their way. `lastFixAt` is the newest fix ever queued: a fix not newer
 * is a duplicate (the same fix reported twice, or one already sent) and is dropped, so the queue stays in
 * fix-time order and nothing is sent twice.
 */
export interface PositionQueue {
  fixes: PositionFixInput[];
  lastFixAt: string | null;
}

export const emptyQueue: PositionQueue = { fixes: [], lastFixAt: null };

/** The most fixes kept while offline (about 80 minutes at one every 10 s): past it the oldest go first. */
export const maxQueuedFixes = 500;
/** The most fixes in one upload (the contract's limit). */
export const maxBatchSize = 100;

/** `fix` queued at the end, unless it is not newer than the last one; the oldest dropped past `maxSize`. */
export function enqueue(
  queue: PositionQueue,
  fix: PositionFixInput,
  maxSize = maxQueuedFixes,
): PositionQueue {
  const fixAt = Date.parse(fix.fixAt);
  if (Number.isNaN(fixAt)) return queue;
  if (queue.lastFixAt !== null && fixAt <= Date.parse(queue.lastFixAt)) return queue;
  const fixes = [...queue.fixes, fix];
  return { fixes: fixes.slice(Math.max(0, fixes.length - maxSize)), lastFixAt: fix.fixAt };
}

/** The oldest fixes, at most `size`: the next upload. */
export const nextBatch = (queue: PositionQueue, size = maxBatchSize): PositionFixInput[] =>
  queue.fixes.slice(0, size);

/**
 * The queue once `sent` is done with (taken, or refused for good): those fixes leave it; fixes queued while
 * the upload was on its way stay. A failed upload that may work later (no signal, a server error) is simply
 * not settled, so the same fixes go again, in the same order.
 */
export function settle(queue: PositionQueue, sent: readonly PositionFixInput[]): PositionQueue {
  const done = new Set(sent.map((fix) => fix.fixAt));
  return { ...queue, fixes: queue.fixes.filter((fix) => !done.has(fix.fixAt)) };
}

/**
 * Whether an upload's failure is for good (drop the batch) or worth trying again with the same fixes. Every
 * fix refused (400) stays refused. Not en route (409) is not final: tracking learns of "On my way" from
 * booking's event a moment after the tap, and the uploader stops anyway once the job is past that step.
 */
export const isFinalFailure = (status: number): boolean => status === 400;

/** A stored queue read back; anything unreadable is an empty queue. */
export function parseQueue(stored: string | null): PositionQueue {
  if (!stored) return emptyQueue;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null) return emptyQueue;
    const { fixes, lastFixAt } = value as Partial<PositionQueue>;
    if (!Array.isArray(fixes) || !(typeof lastFixAt === 'string' || lastFixAt === null)) return emptyQueue;
    return { fixes: fixes.filter(isFix), lastFixAt };
  } catch {
    return emptyQueue;
  }
}

const isFix = (value: unknown): value is PositionFixInput => {
  if (typeof value !== 'object' || value === null) return false;
  const fix = value as Record<string, unknown>;
  return (
    typeof fix.lat === 'number' &&
    typeof fix.lng === 'number' &&
    typeof fix.accuracyMeters === 'number' &&
    typeof fix.fixAt === 'string'
  );
};
