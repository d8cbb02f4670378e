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

/**
 * Short-lived HS256 access tokens `{sub, role, sid}`; the algorithm is pinned, so `alg: none` and RS/HS
 * confusion fail. The session check makes a logout or revocation hold before the token expires.
 */
export function createTokenService(secret: string, sessions: SessionRegistry): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    issueAccessToken: ({ principal, sessionId }, ttlSeconds = 900) =>
      new SignJWT({ role: principal.role, sid: sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(principal.id)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
    async verifyAccessToken(token) {
      let verified: Authenticated;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer, audience });
        const role = payload.role as Role;
        if (!payload.sub || !roles.includes(role) || typeof payload.sid !== 'string' || !payload.sid)
          throw new AppError('AUTH.UNAUTHENTICATED', 'Token has no subject, role or session');
        verified = { principal: { id: payload.sub, role }, sessionId: payload.sid };
      } catch (error) {
        if (error instanceof AppError) throw error;
        const detail = error instanceof errors.JWTExpired ? 'Token expired' : 'Token is not valid';
        throw new AppError('AUTH.UNAUTHENTICATED', detail);
      }
      if (!(await sessions.isActive(verified.sessionId, verified.principal)))
        throw new AppError('AUTH.UNAUTHENTICATED', 'Session ended; log in again');
      return verified;
    },
  };
}
