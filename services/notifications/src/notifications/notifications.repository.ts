import type { InboxNotification, NotificationPage } from '@zefy/contracts';
import { newId, type Sql, type Transaction } from '@zefy/platform';
import { staleDeviceAfterMs } from '../devices/devices.ts';
import type { Recipient } from '../recipients.ts';
import { type NotificationDraft, toInboxNotification } from './notifications.ts';

interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, string>;
  created_at: Date;
  read_at: Date | null;
}

const toNotification = (row: NotificationRow, recipient: Recipient): InboxNotification =>
  toInboxNotification(row, { id: row.id, recipient, createdAt: row.created_at, readAt: row.read_at });

/** A draft's row for one of its recipients, as the statements below read it (`jsonb_to_recordset`). */
const rowOf = (draft: NotificationDraft, recipient: Recipient) => ({
  recipient_kind: recipient.kind,
  recipient_id: recipient.id,
  kind: draft.kind,
  title: draft.title,
  body: draft.body,
  data: draft.data,
});

/** Pushes go to the devices seen since then; one not seen for longer is presumed gone. */
const freshDevicesSince = (now: Date) => new Date(now.getTime() - staleDeviceAfterMs);

export interface StoredNotification {
  recipient: Recipient;
  notification: InboxNotification;
  pushes: number;
}

/**
 * Stores each draft in its recipients' inboxes and queues one push per fresh device of theirs, in the caller's
 * transaction, in two statements however many recipients (a wave of offers reaches a thousand partners). A
 * (source event, recipient) pair already stored is skipped, pushes included.
 */
export async function storeNotifications(
  tx: Transaction,
  drafts: readonly NotificationDraft[],
  sourceEventId: string,
  now: Date,
): Promise<StoredNotification[]> {
  const entries = drafts.flatMap((draft) =>
    draft.recipients.map((recipient) => ({ id: newId(), recipient, draft })),
  );
  if (entries.length === 0) return [];
  const { rows } = await tx.query<{ id: string; pushes: number }>(
    `WITH stored AS (
       INSERT INTO notifications (id, recipient_kind, recipient_id, kind, title, body, data, source_event_id, created_at)
       SELECT e.id, e.recipient_kind, e.recipient_id, e.kind, e.title, e.body, e.data, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, recipient_kind text, recipient_id text, kind text,
         title text, body text, data jsonb)
       ON CONFLICT (source_event_id, recipient_kind, recipient_id) DO NOTHING
       RETURNING id, recipient_kind, recipient_id
     ), pushes AS (
       INSERT INTO push_deliveries (id, notification_id, owner_kind, owner_id, device_id, status, next_attempt_at, created_at)
       SELECT gen_random_uuid(), s.id, d.owner_kind, d.owner_id, d.device_id, 'pending', $3, $3
       FROM stored s JOIN devices d ON d.owner_kind = s.recipient_kind AND d.owner_id = s.recipient_id
       WHERE d.last_seen_at >= $4
       RETURNING notification_id
     )
     SELECT s.id, (SELECT count(*)::int FROM pushes p WHERE p.notification_id = s.id) AS pushes FROM stored s`,
    [
      JSON.stringify(entries.map(({ id, recipient, draft }) => ({ id, ...rowOf(draft, recipient) }))),
      sourceEventId,
      now,
      freshDevicesSince(now),
    ],
  );
  const pushesOf = new Map(rows.map((row) => [row.id, row.pushes]));
  return entries.flatMap(({ id, recipient, draft }) => {
    const pushes = pushesOf.get(id);
    return pushes === undefined
      ? []
      : [{ recipient, notification: toInboxNotification(draft, { id, recipient, createdAt: now }), pushes }];
  });
}

/**
 * Queues one push per fresh device of each push-only draft's recipients, in the caller's transaction and one
 * statement; no inbox entry. A (source event, recipient, device) already queued is skipped. Answers how many
 * pushes it queued.
 */
export async function queuePushOnly(
  tx: Transaction,
  drafts: readonly NotificationDraft[],
  sourceEventId: string,
  now: Date,
): Promise<number> {
  const entries = drafts.flatMap((draft) => {
    const { pushOnly } = draft;
    return pushOnly
      ? draft.recipients.map((recipient) => ({
          ...rowOf(draft, recipient),
          collapse_id: pushOnly.collapseId,
          expires_at: pushOnly.expiresAt,
        }))
      : [];
  });
  if (entries.length === 0) return 0;
  const { rowCount } = await tx.query(
    `INSERT INTO push_deliveries (id, owner_kind, owner_id, device_id, status, next_attempt_at, created_at,
       source_event_id, kind, title, body, data, collapse_id, expires_at)
     SELECT gen_random_uuid(), d.owner_kind, d.owner_id, d.device_id, 'pending', $3, $3,
       $2, e.kind, e.title, e.body, e.data, e.collapse_id, e.expires_at
     FROM jsonb_to_recordset($1::jsonb) AS e(recipient_kind text, recipient_id text, kind text, title text,
       body text, data jsonb, collapse_id text, expires_at timestamptz)
     JOIN devices d ON d.owner_kind = e.recipient_kind AND d.owner_id = e.recipient_id
     WHERE d.last_seen_at >= $4
     ON CONFLICT (source_event_id, owner_kind, owner_id, device_id) WHERE notification_id IS NULL DO NOTHING`,
    [JSON.stringify(entries), sourceEventId, now, freshDevicesSince(now)],
  );
  return rowCount ?? 0;
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
  const items = rows.slice(0, page.limit).map((row) => toNotification(row, recipient));
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
  return rows[0] ? toNotification(rows[0], recipient) : null;
}

export async function markAllRead(sql: Sql, recipient: Recipient, now: Date): Promise<void> {
  await sql.query(
    `UPDATE notifications SET read_at = $3
     WHERE recipient_kind = $1 AND recipient_id = $2 AND read_at IS NULL`,
    [recipient.kind, recipient.id, now],
  );
}
