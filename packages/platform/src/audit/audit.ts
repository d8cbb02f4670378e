import type { AuditEntry, AuditQuery, Principal } from '@zefy/contracts';
import { executionContext } from '../context.ts';
import type { Clock } from '../core/clock.ts';
import { newId } from '../core/ids.ts';
import type { Sql, Transaction } from '../db/database.ts';

export interface AuditRecord {
  actor: Principal;
  /** `<resource>.<past_tense>`, e.g. `partner.approved`. */
  action: string;
  resourceType: string;
  resourceId: string;
  /** The resource before and after the action (null when created or removed); stored as JSON. */
  before: unknown;
  after: unknown;
}

/**
 * Writes an admin action to the service's own `audit_log` (every schema has one), inside the transaction
 * of the change, so the entry exists exactly when the change does. Carries the request's correlation id.
 */
export async function recordAudit(tx: Transaction, entry: AuditRecord, clock: Clock): Promise<AuditEntry> {
  const id = newId();
  const occurredAt = clock.now().toISOString();
  const correlationId = executionContext.current()?.correlationId ?? null;
  await tx.query(
    `INSERT INTO audit_log (id, occurred_at, actor_id, actor_role, action, resource_type, resource_id,
       before, after, correlation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
    [
      id,
      occurredAt,
      entry.actor.id,
      entry.actor.role,
      entry.action,
      entry.resourceType,
      entry.resourceId,
      JSON.stringify(entry.before ?? null),
      JSON.stringify(entry.after ?? null),
      correlationId,
    ],
  );
  return {
    id,
    occurredAt,
    actor: entry.actor,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    correlationId,
  };
}

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_id: string;
  actor_role: Principal['role'];
  action: string;
  resource_type: string;
  resource_id: string;
  before: unknown;
  after: unknown;
  correlation_id: string | null;
}

/** Newest first (ids are UUIDv7, so time-ordered); `before` is the last id of the previous page. */
export async function listAuditEntries(
  sql: Sql,
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const filter = (column: string, value: string | undefined, operator = '=') => {
    if (value === undefined) return;
    values.push(value);
    conditions.push(`${column} ${operator} $${values.length}`);
  };
  filter('resource_type', query.resourceType);
  filter('resource_id', query.resourceId);
  filter('actor_id', query.actorId);
  filter('id', query.before, '<');
  values.push(query.limit + 1);
  const { rows } = await sql.query<AuditRow>(
    `SELECT * FROM audit_log ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at.toISOString(),
      actor: { id: row.actor_id, role: row.actor_role },
      action: row.action,
      resourceType: row.resource_type,
      resourceId: row.resource_id,
      before: row.before,
      after: row.after,
      correlationId: row.correlation_id,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
