import type { Database, Sql } from '@zefy/platform';
import { removeToken } from '../devices/devices.repository.ts';
import type { DeliveryEvent, PushMessage } from './push.ts';

export interface ClaimedDelivery {
  id: string;
  attempt: number;
  /** Null when the device was removed since the notification was stored. */
  message: PushMessage | null;
}

interface ClaimedRow {
  id: string;
  attempts: number;
  token: string | null;
  notification_id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, string>;
}

/**
 * Leases up to `limit` due deliveries to this worker (other workers skip them) and reads what to send, with
 * the device's current token. A worker that dies mid-send loses its lease and the delivery is sent again:
 * at least once, and the collapse id makes a repeat replace the first on the device.
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
       RETURNING p.id, p.attempts, p.notification_id, p.owner_kind, p.owner_id, p.device_id
     )
     SELECT c.id, c.attempts, d.token, n.id AS notification_id, n.kind, n.title, n.body, n.data
     FROM claimed c
     JOIN notifications n ON n.id = c.notification_id
     LEFT JOIN devices d ON (d.owner_kind, d.owner_id, d.device_id) = (c.owner_kind, c.owner_id, c.device_id)`,
    [limit, leaseMs / 1000],
  );
  return rows.map((row) => ({
    id: row.id,
    attempt: row.attempts,
    message:
      row.token === null
        ? null
        : {
            token: row.token,
            title: row.title,
            body: row.body,
            data: { ...row.data, notificationId: row.notification_id, kind: row.kind },
            collapseId: row.notification_id,
          },
  }));
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
        `UPDATE push_deliveries SET status = 'skipped', lease_until = NULL, last_error = 'device removed',
         finished_at = now() WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
        [delivery.id, delivery.attempt],
      );
      return;
  }
}

/** Finished deliveries are kept a while for support questions ("did my phone get it?"), then dropped. */
export async function pruneFinishedDeliveries(sql: Sql, olderThanMs: number): Promise<number> {
  const { rowCount } = await sql.query(
    `DELETE FROM push_deliveries WHERE status <> 'pending' AND finished_at < now() - make_interval(secs => $1)`,
    [olderThanMs / 1000],
  );
  return rowCount ?? 0;
}
