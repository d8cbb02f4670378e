import type { Principal, Role } from '@zefy/contracts';
import type { Cache } from '../cache/cache.ts';

const roles: readonly Role[] = ['customer', 'partner', 'admin', 'ops'];
const sessionKey = (sessionId: string) => `session:${sessionId}`;
const revocationChannel = 'sessions:revoked';

/**
 * Which sessions are active, in the cache (Redis in distributed mode), so a logout or an admin's revocation
 * holds on every gateway and service instance at once. Access tokens carry their session id (`sid`); every
 * authenticated request and WebSocket asks `isActive`. Who opens sessions and how they are refreshed is the
 * identity service's business; this port only knows whether one is alive and for whom.
 */
export interface SessionRegistry {
  open(sessionId: string, principal: Principal, ttlMs: number): Promise<void>;
  /** True while the session exists, has not expired or been revoked, and belongs to `principal`. */
  isActive(sessionId: string, principal: Principal): Promise<boolean>;
  /** Ends sessions at once and tells every instance (open WebSockets of them are closed). */
  revoke(...sessionIds: string[]): Promise<void>;
  /** Called on every instance for each revoked session; at most once, so holders re-check as well. */
  onRevoked(handler: (sessionId: string) => void): Promise<() => Promise<void>>;
}

export function createSessionRegistry(cache: Cache): SessionRegistry {
  return {
    async open(sessionId, principal, ttlMs) {
      await cache.set(sessionKey(sessionId), JSON.stringify({ sub: principal.id, role: principal.role }), {
        ttlMs,
      });
    },
    async isActive(sessionId, principal) {
      const raw = await cache.get(sessionKey(sessionId));
      if (!raw) return false;
      const stored = JSON.parse(raw) as { sub?: unknown; role?: unknown };
      return (
        stored.sub === principal.id && roles.includes(stored.role as Role) && stored.role === principal.role
      );
    },
    async revoke(...sessionIds) {
      if (sessionIds.length === 0) return;
      await cache.del(...sessionIds.map(sessionKey));
      await Promise.all(sessionIds.map((sessionId) => cache.publish(revocationChannel, sessionId)));
    },
    onRevoked: (handler) => cache.subscribe(revocationChannel, handler),
  };
}
