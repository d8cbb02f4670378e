import type { Principal, Role } from '@zefy/contracts';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../core/errors.ts';
import type { SessionRegistry } from './sessions.ts';

const roles: readonly Role[] = ['customer', 'partner', 'admin', 'ops'];
const issuer = 'zefy';
const audience = 'zefy-api';

/** What a valid access token proves: who is calling, within which live session. */
export interface Authenticated {
  principal: Principal;
  sessionId: string;
}

export interface TokenService {
  issueAccessToken(session: Authenticated, ttlSeconds?: number): Promise<string>;
  /**
   * Throws AUTH.UNAUTHENTICATED for anything but a valid, unexpired HS256 token of ours whose session is
   * still active (not logged out, revoked or expired).
   */
  verifyAccessToken(token: string): Promise<Authenticated>;
}

// Tokens whose signature this process checked, until they expire: a partner's app sends the same token with
// every upload, and an HS256 check through WebCrypto costs more than the rest of a small request.
const rememberedTokens = 10_000;

/**
 * Short-lived HS256 access tokens `{sub, role, sid}`; the algorithm is pinned, so `alg: none` and RS/HS
 * confusion fail. The session check makes a logout or revocation hold before the token expires. A token's
 * signature and claims are checked once and remembered (the same string verifies the same way) until its
 * expiry; the session is checked on every call.
 */
export function createTokenService(
  secret: string,
  sessions: SessionRegistry,
  options: { now?: () => number } = {},
): TokenService {
  const key = new TextEncoder().encode(secret);
  const now = options.now ?? Date.now;
  const verifiedTokens = new Map<string, { verified: Authenticated; expiresAtMs: number }>();

  async function verifySignature(token: string): Promise<Authenticated> {
    const remembered = verifiedTokens.get(token);
    if (remembered && now() < remembered.expiresAtMs) return remembered.verified;
    verifiedTokens.delete(token);
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer,
        audience,
        currentDate: new Date(now()),
      });
      const role = payload.role as Role;
      if (!payload.sub || !roles.includes(role) || typeof payload.sid !== 'string' || !payload.sid)
        throw new AppError('AUTH.UNAUTHENTICATED', 'Token has no subject, role or session');
      const verified = { principal: { id: payload.sub, role }, sessionId: payload.sid };
      if (payload.exp !== undefined) {
        if (verifiedTokens.size >= rememberedTokens) {
          const oldest = verifiedTokens.keys().next().value;
          if (oldest !== undefined) verifiedTokens.delete(oldest);
        }
        verifiedTokens.set(token, { verified, expiresAtMs: payload.exp * 1000 });
      }
      return verified;
    } catch (error) {
      if (error instanceof AppError) throw error;
      const detail = error instanceof errors.JWTExpired ? 'Token expired' : 'Token is not valid';
      throw new AppError('AUTH.UNAUTHENTICATED', detail);
    }
  }

  return {
    issueAccessToken: ({ principal, sessionId }, ttlSeconds = 900) =>
      new SignJWT({ role: principal.role, sid: sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(principal.id)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(Math.floor(now() / 1000))
        .setExpirationTime(Math.floor(now() / 1000) + ttlSeconds)
        .sign(key),
    async verifyAccessToken(token) {
      const verified = await verifySignature(token);
      if (!(await sessions.isActive(verified.sessionId, verified.principal)))
        throw new AppError('AUTH.UNAUTHENTICATED', 'Session ended; log in again');
      return verified;
    },
  };
}
