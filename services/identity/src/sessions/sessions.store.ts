import { createHash, randomBytes } from 'node:crypto';
import type { AuthTokens, Principal, SessionInfo } from '@zefy/contracts';
import { AppError, newId, type ServiceContext } from '@zefy/platform';
import { judgeRefresh, parseRefreshToken, type RefreshState, rotate, sessionPolicy } from './sessions.ts';

export type RevokeReason =
  | 'logout'
  | 'refresh_reuse'
  | 'signed_out_by_user'
  | 'revoked_by_admin'
  | 'partner_suspended';

const keys = {
  refresh: (sessionId: string) => `refresh:${sessionId}`,
  used: (sessionId: string, hash: string) => `refresh:used:${sessionId}:${hash}`,
};

const newSecret = () => randomBytes(32).toString('base64url');
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

interface SessionRow {
  id: string;
  created_at: Date;
  expires_at: Date;
  last_refreshed_at: Date | null;
  user_agent: string | null;
}

/**
 * Sessions of every account kind. The row in `sessions` is the record (who, since when, revoked why); the
 * cache holds what every instance must see at once: the platform's active flag (checked on each request)
 * and the refresh chain (the hash of the one refresh token that may be used next, and which were used).
 */
export function createSessionStore(
  context: Pick<ServiceContext, 'db' | 'cache' | 'sessions' | 'tokens' | 'clock' | 'logger'>,
) {
  const { db, cache, sessions, tokens, clock } = context;

  const remainingMs = (state: RefreshState) => Date.parse(state.expiresAt) - clock.now().getTime();

  async function tokensFor(
    principal: Principal,
    sessionId: string,
    secret: string,
    expiresAt: string,
    isNewAccount: boolean,
  ): Promise<AuthTokens> {
    return {
      tokenType: 'Bearer',
      accessToken: await tokens.issueAccessToken(
        { principal, sessionId },
        sessionPolicy.accessTokenTtlSeconds,
      ),
      expiresIn: sessionPolicy.accessTokenTtlSeconds,
      refreshToken: `${sessionId}.${secret}`,
      refreshExpiresAt: expiresAt,
      sessionId,
      principal,
      isNewAccount,
    };
  }

  async function endInCache(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    await cache.del(...sessionIds.map(keys.refresh));
    await sessions.revoke(...sessionIds);
  }

  async function revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    await db.pool.query(
      'UPDATE sessions SET revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND revoked_at IS NULL',
      [sessionId, clock.now(), reason],
    );
    await endInCache([sessionId]);
  }

  return {
    /** Starts a session (a new refresh-token family) and answers with its first tokens. */
    async open(
      principal: Principal,
      options: { userAgent?: string | undefined; isNewAccount?: boolean } = {},
    ): Promise<AuthTokens> {
      const sessionId = newId();
      const now = clock.now();
      const lifetimeMs = sessionPolicy.lifetimeMs[principal.role];
      const expiresAt = new Date(now.getTime() + lifetimeMs).toISOString();
      const secret = newSecret();
      await db.pool.query(
        `INSERT INTO sessions (id, account_id, role, created_at, expires_at, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [sessionId, principal.id, principal.role, now, expiresAt, options.userAgent?.slice(0, 300) ?? null],
      );
      const state: RefreshState = {
        accountId: principal.id,
        role: principal.role,
        currentHash: hashSecret(secret),
        expiresAt,
      };
      await cache.set(keys.refresh(sessionId), JSON.stringify(state), { ttlMs: lifetimeMs });
      await sessions.open(sessionId, principal, lifetimeMs);
      return tokensFor(principal, sessionId, secret, expiresAt, options.isNewAccount ?? false);
    },

    /** Rotates the refresh token; a second use of any token of the chain ends the session. */
    async refresh(refreshToken: string): Promise<AuthTokens> {
      const parsed = parseRefreshToken(refreshToken);
      if (!parsed) throw new AppError('IDENTITY.REFRESH_INVALID', 'This is not a refresh token of ours');
      const { sessionId } = parsed;
      const raw = await cache.get(keys.refresh(sessionId));
      const state = raw ? (JSON.parse(raw) as RefreshState) : null;
      const hash = hashSecret(parsed.secret);
      const isFirstUse = state
        ? await cache.setIfAbsent(keys.used(sessionId, hash), '1', Math.max(1, remainingMs(state)))
        : true;
      const outcome = judgeRefresh(state, { hash, isFirstUse }, clock.now());
      if (outcome.kind === 'reused') {
        context.logger.warn({ sessionId }, 'refresh token reused; session revoked');
        await revoke(sessionId, 'refresh_reuse');
        throw new AppError('IDENTITY.REFRESH_REUSED', 'Log in again');
      }
      if (outcome.kind === 'invalid' || !state)
        throw new AppError(
          'IDENTITY.REFRESH_INVALID',
          outcome.kind === 'invalid' && outcome.reason === 'unknown_token'
            ? 'This refresh token was never issued for the session'
            : 'The session has ended; log in again',
        );
      const principal: Principal = { id: state.accountId, role: state.role };
      const secret = newSecret();
      await cache.set(keys.refresh(sessionId), JSON.stringify(rotate(state, hashSecret(secret))), {
        ttlMs: Math.max(1, remainingMs(state)),
      });
      // a revocation that raced this rotation must win: never hand out tokens of an ended session
      if (!(await sessions.isActive(sessionId, principal))) {
        await cache.del(keys.refresh(sessionId));
        throw new AppError('IDENTITY.REFRESH_INVALID', 'The session has ended; log in again');
      }
      await db.pool
        .query('UPDATE sessions SET last_refreshed_at = $2 WHERE id = $1', [sessionId, clock.now()])
        .catch((error: unknown) => context.logger.warn({ err: error }, 'could not record the refresh'));
      return tokensFor(principal, sessionId, secret, state.expiresAt, false);
    },

    revoke,

    /** Ends every live session of an account (suspension, an admin's revocation); the number ended. */
    async revokeAllOf(accountId: string, reason: RevokeReason): Promise<number> {
      const { rows } = await db.pool.query<{ id: string }>(
        `UPDATE sessions SET revoked_at = $2, revoke_reason = $3
         WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING id`,
        [accountId, clock.now(), reason],
      );
      await endInCache(rows.map((row) => row.id));
      return rows.length;
    },

    /** The principal's live sessions; `isCurrent` marks the one asking. */
    async listOf(principal: Principal, currentSessionId: string): Promise<SessionInfo[]> {
      const { rows } = await db.pool.query<SessionRow>(
        `SELECT id, created_at, expires_at, last_refreshed_at, user_agent FROM sessions
         WHERE account_id = $1 AND role = $2 AND revoked_at IS NULL AND expires_at > $3
         ORDER BY created_at DESC LIMIT 100`,
        [principal.id, principal.role, clock.now()],
      );
      return rows.map((row) => ({
        id: row.id,
        createdAt: row.created_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        lastRefreshedAt: row.last_refreshed_at?.toISOString() ?? null,
        userAgent: row.user_agent,
        isCurrent: row.id === currentSessionId,
      }));
    },

    /** Ends one of the principal's own sessions; false when it is not theirs or already ended. */
    async revokeOwn(principal: Principal, sessionId: string): Promise<boolean> {
      const { rowCount } = await db.pool.query(
        `UPDATE sessions SET revoked_at = $4, revoke_reason = 'signed_out_by_user'
         WHERE id = $1 AND account_id = $2 AND role = $3 AND revoked_at IS NULL`,
        [sessionId, principal.id, principal.role, clock.now()],
      );
      if (rowCount === 0) return false;
      await endInCache([sessionId]);
      return true;
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
