import type { InboxNotification, NotificationPage } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import { emptyInbox, evolveInbox } from './inbox.ts';

const entry = (n: number, readAt: string | null = null): InboxNotification => ({
  id: `018f0000-0000-7000-8000-00000000000${n}`,
  kind: 'booking.confirmed',
  title: `Title ${n}`,
  body: 'Body',
  data: {},
  createdAt: '2026-11-24T10:00:00.000Z',
  readAt,
});
const page = (
  items: InboxNotification[],
  unreadCount: number,
  nextCursor: string | null = null,
): NotificationPage => ({
  items,
  unreadCount,
  nextCursor,
});

describe('evolveInbox', () => {
  it('given a loaded page, when a live notification arrives, puts it first and counts it unread', () => {
    const state = evolveInbox(emptyInbox, { type: 'loaded', page: page([entry(2), entry(1, 'x')], 1) });
    const next = evolveInbox(state, { type: 'received', notification: entry(3) });
    expect(next.items.map((item) => item.title)).toEqual(['Title 3', 'Title 2', 'Title 1']);
    expect(next.unreadCount).toBe(2);
  });

  it('given a live notification already shown, when it arrives again, changes nothing', () => {
    const state = evolveInbox(emptyInbox, { type: 'received', notification: entry(1) });
    expect(evolveInbox(state, { type: 'received', notification: entry(1) })).toBe(state);
  });

  it('given a live notification that arrived during loading, when the page lands without it, keeps and counts it', () => {
    const state = evolveInbox(emptyInbox, { type: 'received', notification: entry(3) });
    const next = evolveInbox(state, { type: 'loaded', page: page([entry(2)], 1) });
    expect(next.items.map((item) => item.title)).toEqual(['Title 3', 'Title 2']);
    expect(next.unreadCount).toBe(2);
  });

  it('given a live notification the page also holds, when the page lands, counts it once', () => {
    const state = evolveInbox(emptyInbox, { type: 'received', notification: entry(2) });
    const next = evolveInbox(state, { type: 'loaded', page: page([entry(2), entry(1)], 2) });
    expect(next.items).toHaveLength(2);
    expect(next.unreadCount).toBe(2);
  });

  it('appends older pages and takes the server’s counts after reads', () => {
    const first = evolveInbox(emptyInbox, {
      type: 'loaded',
      page: page([entry(3), entry(2)], 3, entry(2).id),
    });
    const older = evolveInbox(first, { type: 'loaded_older', page: page([entry(1)], 3) });
    expect(older.items.map((item) => item.title)).toEqual(['Title 3', 'Title 2', 'Title 1']);
    expect(older.nextCursor).toBeNull();
    const read = evolveInbox(older, { type: 'read', notification: entry(2, 'now'), unreadCount: 2 });
    expect(read.items[1]?.readAt).toBe('now');
    const all = evolveInbox(read, { type: 'all_read', unreadCount: 0, at: 'later' });
    expect(all.items.map((item) => item.readAt)).toEqual(['later', 'now', 'later']);
    expect(all.unreadCount).toBe(0);
  });
});
