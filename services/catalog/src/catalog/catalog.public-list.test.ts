import { createMemoryCache } from '@zefy/platform';
import { describe, expect, it } from 'vitest';
import { createPublicServiceList } from './catalog.public-list.ts';

/** A PostgreSQL stand-in: answers the list as it is, counting reads; `hold` makes the next read wait. */
function catalogRows(initial: string) {
  let rows = initial;
  let reads = 0;
  let held: Promise<void> | undefined;
  return {
    set: (next: string) => {
      rows = next;
    },
    reads: () => reads,
    hold() {
      let release = () => {};
      held = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
    read: async () => {
      reads++;
      const seen = rows;
      const wait = held;
      held = undefined;
      await wait;
      return seen;
    },
  };
}

describe('the public service list', () => {
  it('is read once per version, by concurrent callers too, and again after an invalidation', async () => {
    const list = createPublicServiceList(createMemoryCache());
    const rows = catalogRows('{"items":[1]}');
    const [first, second] = await Promise.all([list.current(rows.read), list.current(rows.read)]);
    expect(first).toEqual(second);
    expect((await list.current(rows.read)).json).toBe('{"items":[1]}');
    expect(rows.reads()).toBe(1);

    rows.set('{"items":[1,2]}');
    await list.invalidate();
    const changed = await list.current(rows.read);
    expect(changed.json).toBe('{"items":[1,2]}');
    expect(changed.etag).not.toBe(first.etag);
    expect(rows.reads()).toBe(2);
  });

  it('holds for every instance sharing the cache: one instance’s invalidation makes the others read again', async () => {
    const shared = createMemoryCache();
    const [consumer, other] = [createPublicServiceList(shared), createPublicServiceList(shared)];
    const rows = catalogRows('{"items":[1]}');
    await consumer.current(rows.read);
    const before = await other.current(rows.read);

    rows.set('{"items":[]}');
    await consumer.invalidate();

    const after = await other.current(rows.read);
    expect(after.json).toBe('{"items":[]}');
    expect(after.etag).not.toBe(before.etag);
  });

  it('never serves a list read before a change under the version set after it', async () => {
    const list = createPublicServiceList(createMemoryCache());
    const rows = catalogRows('{"items":["old"]}');
    const release = rows.hold();
    const racing = list.current(rows.read);
    await new Promise((resolve) => setImmediate(resolve));
    // the change commits and its event is consumed while the old rows are still on their way
    rows.set('{"items":["new"]}');
    await list.invalidate();
    release();
    expect((await racing).json).toBe('{"items":["old"]}');
    expect((await list.current(rows.read)).json).toBe('{"items":["new"]}');
  });

  it('reads again after a failed read instead of keeping the failure', async () => {
    const list = createPublicServiceList(createMemoryCache());
    await expect(list.current(() => Promise.reject(new Error('connection lost')))).rejects.toThrow();
    expect((await list.current(async () => '{"items":[]}')).json).toBe('{"items":[]}');
  });
});
