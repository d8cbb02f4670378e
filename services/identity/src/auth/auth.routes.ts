import { identityRoutes } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityDeps } from '../deps.ts';
import { createStaffLoginThrottle } from '../staff/staff.login-throttle.ts';
import {
  type LoginClient,
  loginStaff,
  revokeAccountSessions,
  sendLoginCode,
  type Throttled,
  verifyLoginCode,
} from './auth.commands.ts';

const clientOf = (request: FastifyRequest): LoginClient => {
  const userAgent = request.headers['user-agent'];
  return { address: request.ip, userAgent: typeof userAgent === 'string' ? userAgent : undefined };
};

/** A throttled step answers 429 with the wait in Retry-After. */
function unlessThrottled<T>(result: Throttled<T>, reply: FastifyReply): T {
  if (result.kind === 'done') return result.value;
  reply.header('retry-after', String(result.retryAfterSeconds));
  throw new AppError('IDENTITY.RATE_LIMITED', `Try again in ${result.retryAfterSeconds} s`);
}

export function registerAuthRoutes(app: FastifyInstance, deps: IdentityDeps): void {
  const { db, sessions } = deps;
  const staffLogins = createStaffLoginThrottle(deps.cache);

  implementRoute(app, db, identityRoutes.requestOtp, async ({ body, request, reply }) => {
    const challenge = unlessThrottled(await sendLoginCode(deps, body, clientOf(request)), reply);
    reply.code(202);
    return challenge;
  });

  implementRoute(app, db, identityRoutes.verifyOtp, async ({ body, request }) =>
    verifyLoginCode(deps, body, clientOf(request)),
  );

  implementRoute(app, db, identityRoutes.loginWithPassword, async ({ body, request, reply }) =>
    unlessThrottled(await loginStaff(deps, staffLogins, body, clientOf(request)), reply),
  );

  implementRoute(app, db, identityRoutes.refresh, async ({ body }) => sessions.refresh(body.refreshToken));

  implementRoute(app, db, identityRoutes.logout, async ({ sessionId, reply }) => {
    await sessions.revoke(sessionId, 'logout');
    reply.code(204);
    return null;
  });

  implementRoute(app, db, identityRoutes.listMySessions, async ({ principal, sessionId }) => ({
    items: await sessions.listOf(principal, sessionId),
  }));

  implementRoute(app, db, identityRoutes.revokeMySession, async ({ principal, params, reply }) => {
    if (!(await sessions.revokeOwn(principal, params.sessionId)))
      throw new AppError('IDENTITY.SESSION_NOT_FOUND', 'No live session of yours has this id');
    reply.code(204);
    return null;
  });

  implementRoute(app, db, identityRoutes.revokeAccountSessions, async ({ params, principal }) =>
    revokeAccountSessions(deps, params.accountId, principal),
  );
}
