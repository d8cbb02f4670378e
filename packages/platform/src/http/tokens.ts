import type { Principal, Role } from '@zefy/contracts';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../core/errors.ts';

const roles: readonly Role[] = ['customer', 'partner', 'admin', 'ops'];
const issuer = 'zefy';
const audience = 'zefy-api';

export interface TokenService {
  issueAccessToken(principal: Principal, ttlSeconds?: number): Promise<string>;
  /** Throws AUTH.UNAUTHENTICATED for anything but a valid, unexpired HS256 token of ours. */
  verifyAccessToken(token: string): Promise<Principal>;
}

/** Short-lived HS256 access tokens; the algorithm is pinned, so `alg: none` and RS/HS confusion fail. */
export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    issueAccessToken: (principal, ttlSeconds = 900) =>
      new SignJWT({ role: principal.role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(principal.id)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
    async verifyAccessToken(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer, audience });
        const role = payload.role as Role;
        if (!payload.sub || !roles.includes(role))
          throw new AppError('AUTH.UNAUTHENTICATED', 'Token has no subject or role');
        return { id: payload.sub, role };
      } catch (error) {
        if (error instanceof AppError) throw error;
        const detail = error instanceof errors.JWTExpired ? 'Token expired' : 'Token is not valid';
        throw new AppError('AUTH.UNAUTHENTICATED', detail);
      }
    },
  };
}
