import type { Role } from '@zefy/contracts';

const day = 24 * 3600_000;

/**
 * Access tokens live 15 minutes; a session (its chain of refresh tokens, the "family") lives 30 days for
 * customers and partners on their phones, 12 hours for staff at a console.
 */
export const sessionPolicy = {
  accessTokenTtlSeconds: 900,
  lifetimeMs: { customer: 30 * day, partner: 30 * day, admin: 12 * 3600_000, ops: 12 * 3600_000 },
} as const satisfies { accessTokenTtlSeconds: number; lifetimeMs: Record<Role, number> };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const secret = /^[A-Za-z0-9_-]{43}$/;

/** A refresh token is `<session id>.<32 random bytes, base64url>`; anything else is not one of ours. */
export function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const [sessionId, tokenSecret, ...rest] = token.split('.');
  if (rest.length > 0 || !sessionId || !tokenSecret) return null;
  if (!uuid.test(sessionId) || !secret.test(tokenSecret)) return null;
  return { sessionId, secret: tokenSecret };
}

/** The live state of a session's refresh chain, kept in the cache. */
export interface RefreshState {
  accountId: string;
  role: Role;
  /** Hash of the one refresh token that may be used next. */
  currentHash: string;
  expiresAt: string;
}

export type RefreshOutcome =
  | { kind: 'rotate' }
  | { kind: 'reused' }
  | { kind: 'invalid'; reason: 'ended' | 'expired' | 'unknown_token' };

/**
 * Judges a presented refresh token. `isFirstUse` says whether this token's hash had never been presented
 * before (claimed atomically by the store), so of two requests racing with one token only one rotates.
 * A token presented a second time means a copy exists somewhere: the whole session is revoked (OAuth 2.0
 * Security BCP, refresh token rotation). A token never issued for the session is refused without revoking,
 * so knowing a session id is not enough to sign someone out.
 */
export function judgeRefresh(
  state: RefreshState | null,
  presented: { hash: string; isFirstUse: boolean },
  now: Date,
): RefreshOutcome {
  if (!state) return { kind: 'invalid', reason: 'ended' };
  if (now.getTime() >= Date.parse(state.expiresAt)) return { kind: 'invalid', reason: 'expired' };
  if (!presented.isFirstUse) return { kind: 'reused' };
  if (presented.hash !== state.currentHash) return { kind: 'invalid', reason: 'unknown_token' };
  return { kind: 'rotate' };
}

/** After a rotation, the next token is the only valid one; the session's lifetime does not move. */
export const rotate = (state: RefreshState, nextHash: string): RefreshState => ({
  ...state,
  currentHash: nextHash,
});
