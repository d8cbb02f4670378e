import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import type { Database } from '../db/database.ts';

const leaseSeconds = 30;

interface Claim {
  scope: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim?: Claim;
  }
}

/** Accepts the IETF draft's sf-string form (`"abc"`) and the bare form (`abc`) Stripe clients send. */
function parseKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const raw = Array.isArray(header) ? header[0] : header;
  const key = raw?.trim().replace(/^"(.*)"$/, '$1');
  if (!key || key.length > 255 || !/^[\x21-\x7e]+$/.test(key))
    throw new AppError('IDEMPOTENCY.KEY_INVALID', 'Use 1 to 255 visible ASCII characters, e.g. a UUID');
  return key;
}

/** Recursive: bodies reach it at most `maxBodyDepth` deep (the JSON body parser refuses deeper ones). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Idempotency-Key semantics (IETF draft + Stripe): the first request runs and its response is stored; a
 * replay gets the stored response with `Idempotent-Replayed: true`; the same key with another body is 422;
 * a duplicate while the first still runs is 409. A 5xx is not stored (the handler's transaction rolled
 * back), so the client may retry. A claim whose process died is taken over after its lease.
 */
export function idempotencyHooks(db: Database, mode: 'required' | 'optional') {
  async function preHandler(request: FastifyRequest, reply: FastifyReply) {
    const key = parseKey(request.headers['idempotency-key']);
    if (!key) {
      if (mode === 'required')
        throw new AppError(
          'IDEMPOTENCY.KEY_MISSING',
          'Send an Idempotency-Key header (a UUID) with this request',
        );
      return;
    }
    const scope = `${request.principal?.id ?? 'anonymous'} ${request.method} ${request.routeOptions.url}`;
    const fingerprint = createHash('sha256')
      .update(canonicalJson(request.body ?? null))
      .digest('hex');
    const claimed = await db.pool.query(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, state, locked_until)
       VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4))
       ON CONFLICT (scope, key) DO UPDATE SET locked_until = EXCLUDED.locked_until
         WHERE idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until < now()
           AND idempotency_keys.fingerprint = EXCLUDED.fingerprint
       RETURNING key`,
      [scope, key, fingerprint, leaseSeconds],
    );
    if (claimed.rowCount === 1) {
      request.idempotencyClaim = { scope, key };
      return;
    }
    const { rows } = await db.pool.query<{
      fingerprint: string;
      state: string;
      response_status: number | null;
      response_body: string | null;
      response_content_type: string | null;
    }>(
      'SELECT fingerprint, state, response_status, response_body, response_content_type FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    const stored = rows[0];
    if (!stored || stored.state === 'in_progress') {
      if (stored && stored.fingerprint !== fingerprint)
        throw new AppError('IDEMPOTENCY.KEY_REUSED', 'This key was used for a different request body');
      reply.header('retry-after', '1');
      throw new AppError('IDEMPOTENCY.IN_PROGRESS', 'Retry after the first request completes');
    }
    if (stored.fingerprint !== fingerprint)
      throw new AppError('IDEMPOTENCY.KEY_REUSED', 'This key was used for a different request body');
    return reply
      .code(stored.response_status ?? 200)
      .header('content-type', stored.response_content_type ?? 'application/json; charset=utf-8')
      .header('idempotent-replayed', 'true')
      .send(stored.response_body ?? '');
  }

  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    if (reply.statusCode >= 500) {
      await db.pool.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2', [
        claim.scope,
        claim.key,
      ]);
      return payload;
    }
    await db.pool.query(
      `UPDATE idempotency_keys SET state = 'completed', locked_until = NULL, response_status = $3,
         response_body = $4, response_content_type = $5 WHERE scope = $1 AND key = $2`,
      [
        claim.scope,
        claim.key,
        reply.statusCode,
        typeof payload === 'string' ? payload : '',
        String(reply.getHeader('content-type') ?? ''),
      ],
    );
    return payload;
  }

  return { preHandler, onSend };
}
