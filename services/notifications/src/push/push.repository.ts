import type { EventType } from '@zefy/contracts';
import type { Database, Retention } from '@zefy/platform';
import { removeToken } from '../devices/devices.repository.ts';
import type { Recipient } from '../recipients.ts';
import type { DeliveryEvent, PushMessage, SkipReason } from './push.ts';

export interface ClaimedDelivery {
  id: string;
  attempt: number;
  recipient: Recipient['kind'];
  /** The event the push tells of. */
  kind: EventType;
  /** Null when there is nothing to send: the device was removed since, or the push is past its expiry. */
  message: PushMessage | null;
  skipReason: SkipReason | null;
}

interface ClaimedRow {
  id: string;
  attempts: number;
  owner_kind: Recipient['kind'];
  token: string | null;
  notification_id: string | null;
  kind: EventType;
  title: string;
  body: string;
  data: Record<string, string>;
  collapse_id: string;
  is_expired: boolean;
}

/**
 * Leases up to `limit` due deliveries to this worker (other workers skip them) and reads what to send, with
 * the device's current token: an inbox entry's, or the push-only message the delivery carries. A worker that
 * dies mid-send loses its lease and the delivery is sent again: at least once, and the collapse id makes a
 * repeat replace the first on the device.
 */
export async function claimDueDeliveries(
  db: Database,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const { rows } = await db.pool.query<ClaimedRow>(
    `WITH due AS (
       SELECT id FROM push_deliveries
       WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE push_deliveries p SET lease_until = now() + make_interval(secs => $2), attempts = p.attempts + 1
       FROM due WHERE p.id = due.id
       RETURNING p.id, p.attempts, p.notification_id, p.owner_kind, p.owner_id, p.device_id, p.kind, p.title,
         p.body, p.data, p.collapse_id, p.expires_at
     )
     SELECT c.id, c.attempts, c.owner_kind, d.token, c.notification_id,
       COALESCE(n.kind, c.kind) AS kind, COALESCE(n.title, c.title) AS title, COALESCE(n.body, c.body) AS body,
       COALESCE(n.data, c.data) AS data, COALESCE(c.notification_id::text, c.collapse_id) AS collapse_id,
       COALESCE(c.expires_at <= now(), false) AS is_expired
     FROM claimed c
     LEFT JOIN notifications n ON n.id = c.notification_id
     LEFT JOIN devices d ON (d.owner_kind, d.owner_id, d.device_id) = (c.owner_kind, c.owner_id, c.device_id)`,
    [limit, leaseMs / 1000],
  );
  return rows.map((row) => {
    const skipReason: SkipReason | null = row.is_expired
      ? 'expired'
      : row.token === null
        ? 'device_removed'
        : null;
    return {
      id: row.id,
      attempt: row.attempts,
      recipient: row.owner_kind,
      kind: row.kind,
      skipReason,
      message:
        row.token === null || skipReason
          ? null
          : {
              token: row.token,
              title: row.title,
              body: row.body,
              data: {
                ...row.data,
                ...(row.notification_id ? { notificationId: row.notification_id } : {}),
                kind: row.kind,
              },
              collapseId: row.collapse_id,
            },
    };
  });
}

/**
 * Records what was decided about a leased attempt. The attempt number fences it: an outcome that arrives
 * after the lease expired and another worker took over changes nothing.
 */
export async function recordOutcome(
  db: Database,
  delivery: { id: string; attempt: number; token: string | null },
  event: DeliveryEvent,
): Promise<void> {
  const fence = [delivery.id, delivery.attempt, delivery.token];
  const where = `WHERE id = $1 AND attempts = $2 AND status = 'pending'`;
  switch (event.type) {
    case 'PushSent':
      await db.pool.query(
        `UPDATE push_deliveries SET status = 'sent', token = $3, message_id = $4, lease_until = NULL,
         finished_at = now() ${where}`,
        [...fence, event.messageId],
      );
      return;
    case 'PushRetryScheduled':
      await db.pool.query(
        `UPDATE push_deliveries SET token = $3, last_error = $4, lease_until = NULL,
         next_attempt_at = now() + make_interval(secs => $5) ${where}`,
        [...fence, event.error.slice(0, 1000), event.delayMs / 1000],
      );
      return;
    case 'PushFailed':
      await db.transaction(async (tx) => {
        const { rowCount } = await tx.query(
          `UPDATE push_deliveries SET status = 'failed', token = $3, last_error = $4, lease_until = NULL,
           finished_at = now() ${where}`,
          [...fence, event.error.slice(0, 1000)],
        );
        if (rowCount && event.tokenRejected && delivery.token) await removeToken(tx, delivery.token);
      });
      return;
    case 'PushSkipped':
      await db.pool.query(
        `UPDATE push_deliveries SET status = 'skipped', lease_until = NULL, last_error = $3,
         finished_at = now() WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
        [delivery.id, delivery.attempt, event.reason],
      );
      return;
  }
}

/** Finished deliveries are kept a month for support questions ("did my phone get it?"), then dropped. */
export const finishedDeliveryRetention: Retention = {
  table: 'push_deliveries',
  column: 'finished_at',
  retentionMs: 30 * 24 * 3600_000,
  keepWhile: "status = 'pending'",
};
