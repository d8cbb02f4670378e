import type { InboxNotification, NotificationPage } from '@zefy/contracts';
import { newId, type Sql, type Transaction } from '@zefy/platform';
import { staleDeviceAfterMs } from '../devices/devices.ts';
import { type NotificationDraft, type Recipient, toInboxNotification } from './notifications.ts';

interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, string>;
  created_at: Date;
  read_at: Date | null;
}

const toNotification = (row: NotificationRow): InboxNotification => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  data: row.data,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});

export interface StoredNotification {
  recipient: Recipient;
  notification: InboxNotification;
  pushes: number;
}

/**
 * Stores the draft in each recipient's inbox and queues one push per fresh device of theirs, in the caller's
 * transaction. A (source event, recipient) pair already stored is skipped, pushes included.
 */
export async function storeNotification(
  tx: Transaction,
  draft: NotificationDraft,
  sourceEventId: string,
  now: Date,
): Promise<StoredNotification[]> {
  const stored: StoredNotification[] = [];
  for (const recipient of draft.recipients) {
    const id = newId();
    const { rowCount } = await tx.query(
      `INSERT INTO notifications (id, recipient_kind, recipient_id, kind, title, body, data, source_event_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (source_event_id, recipient_kind, recipient_id) DO NOTHING`,
      [id, recipient.kind, recipient.id, draft.kind, draft.title, draft.body, draft.data, sourceEventId, now],
    );
    if (rowCount === 0) continue;
    const pushes = await tx.query(
      `INSERT INTO push_deliveries (id, notification_id, owner_kind, owner_id, device_id, status, next_attempt_at, created_at)
       SELECT gen_random_uuid(), $1, owner_kind, owner_id, device_id, 'pending', $4, $4
       FROM devices WHERE owner_kind = $2 AND owner_id = $3 AND last_seen_at >= $5`,
      [id, recipient.kind, recipient.id, now, new Date(now.getTime() - staleDeviceAfterMs)],
    );
    stored.push({
      recipient,
      notification: toInboxNotification(draft, { id, createdAt: now }),
      pushes: pushes.rowCount ?? 0,
    });
  }
  return stored;
}

export async function listInbox(
  sql: Sql,
  recipient: Recipient,
  page: { limit: number; before?: string },
): Promise<NotificationPage> {
  const { rows } = await sql.query<NotificationRow>(
    `SELECT id, kind, title, body, data, created_at, read_at FROM notifications
     WHERE recipient_kind = $1 AND recipient_id = $2 AND ($3::uuid IS NULL OR id < $3::uuid)
     ORDER BY id DESC LIMIT $4`,
    [recipient.kind, recipient.id, page.before ?? null, page.limit + 1],
  );
  const items = rows.slice(0, page.limit).map(toNotification);
  return {
    items,
    unreadCount: await countUnread(sql, recipient),
    nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null,
  };
}

export async function countUnread(sql: Sql, recipient: Recipient): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications
     WHERE recipient_kind = $1 AND recipient_id = $2 AND read_at IS NULL`,
    [recipient.kind, recipient.id],
  );
  return rows[0]?.n ?? 0;
}

/** Marks one of the recipient's entries read, keeping the first read time; null when it is not theirs. */
export async function markRead(
  sql: Sql,
  recipient: Recipient,
  id: string,
  now: Date,
): Promise<InboxNotification | null> {
  const { rows } = await sql.query<NotificationRow>(
    `UPDATE notifications SET read_at = COALESCE(read_at, $4)
     WHERE id = $3 AND recipient_kind = $1 AND recipient_id = $2
     RETURNING id, kind, title, body, data, created_at, read_at`,
    [recipient.kind, recipient.id, id, now],
  );
  return rows[0] ? toNotification(rows[0]) : null;
}

export async function markAllRead(sql: Sql, recipient: Recipient, now: Date): Promise<void> {
  await sql.query(
    `UPDATE notifications SET read_at = $3
     WHERE recipient_kind = $1 AND recipient_id = $2 AND read_at IS NULL`,
    [recipient.kind, recipient.id, now],
  );
}
