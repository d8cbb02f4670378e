import { identityRoutes, type Principal } from '@zefy/contracts';
import { AppError, implementRoute, newId, recordAudit } from '@zefy/platform';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findOrRegisterCustomer } from '../customers/customers.repository.ts';
import type { IdentityDeps } from '../deps.ts';
import { generateCode, hashCode, isSameHash } from '../otp/otp.codes.ts';
import { issueChallenge, judgeAttempt, otpMessage, otpPolicy } from '../otp/otp.ts';
import { findPartnerByPhone } from '../partners/partners.repository.ts';
import { loginRefusal } from '../partners/partners.ts';
import { requirePhone } from '../phone/phone.input.ts';
import { createStaffLoginThrottle } from '../staff/staff.login-throttle.ts';
import { verifyPassword } from '../staff/staff.passwords.ts';
import { findStaffByEmail } from '../staff/staff.repository.ts';

function rateLimited(reply: FastifyReply, retryAfterSeconds: number): AppError {
  reply.header('retry-after', String(retryAfterSeconds));
  return new AppError('IDENTITY.RATE_LIMITED', `Try again in ${retryAfterSeconds} s`);
}

const userAgent = (header: string | string[] | undefined) =>
  typeof header === 'string' ? header : undefined;

export function registerAuthRoutes(app: FastifyInstance, deps: IdentityDeps): void {
  const { db, cache, clock, otp, sessions, sms, otpKey } = deps;
  const staffLogins = createStaffLoginThrottle(cache);

  implementRoute(app, db, identityRoutes.requestOtp, async ({ body, request, reply }) => {
    const phone = requirePhone(body.phone);
    const claim = await otp.claimSend(phone, request.ip);
    if (!claim.isAllowed) throw rateLimited(reply, claim.retryAfterSeconds);
    // customers sign up here, so every phone gets a code. A partner is registered by Zefy first: a number
    // that is no partner is told so (after the send limits, which bound how fast numbers can be tried)
    if (body.audience === 'partner' && (await findPartnerByPhone(db.pool, phone)) === null)
      throw new AppError(
        'IDENTITY.PARTNER_NOT_REGISTERED',
        'Zefy registers partners before their first login; log in with the number you gave Zefy',
      );
    const code = generateCode();
    const id = newId();
    const challenge = issueChallenge(
      { id, phone, audience: body.audience, codeHash: hashCode(otpKey, id, code) },
      clock.now(),
    );
    await otp.save(challenge);
    sms.dispatch({ to: phone, text: otpMessage(code), code });
    reply.code(202);
    return {
      challengeId: challenge.id,
      phone,
      expiresAt: challenge.expiresAt,
      codeLength: otpPolicy.codeLength,
      resendAfterSeconds: otpPolicy.resendCooldownMs / 1000,
    };
  });

  implementRoute(app, db, identityRoutes.verifyOtp, async ({ body, request }) => {
    const phone = requirePhone(body.phone);
    const challenge = await otp.load(body.audience, phone);
    const isCurrent = challenge?.id === body.challengeId;
    const outcome = judgeAttempt(challenge, {
      challengeId: body.challengeId,
      number: isCurrent && challenge ? await otp.claimAttempt(challenge.id) : 0,
      isCodeCorrect:
        isCurrent && challenge
          ? isSameHash(hashCode(otpKey, challenge.id, body.code), challenge.codeHash)
          : false,
      at: clock.now(),
    });
    switch (outcome.kind) {
      case 'expired':
        throw new AppError('IDENTITY.OTP_EXPIRED', 'Request a new code');
      case 'attempts_exceeded':
        throw new AppError('IDENTITY.OTP_ATTEMPTS_EXCEEDED', 'Request a new code');
      case 'incorrect':
        throw new AppError(
          'IDENTITY.OTP_INCORRECT',
          outcome.attemptsLeft > 0
            ? `${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? 'attempt' : 'attempts'} left`
            : 'No attempts left; request a new code',
        );
      case 'verified':
        break;
    }
    if (!challenge || !(await otp.consume(challenge)))
      throw new AppError('IDENTITY.OTP_EXPIRED', 'This code was already used; request a new one');
    let principal: Principal;
    let isNewAccount = false;
    if (body.audience === 'customer') {
      const { customer, isNew } = await db.transaction((tx) => findOrRegisterCustomer(tx, phone, clock));
      principal = { id: customer.id, role: 'customer' };
      isNewAccount = isNew;
    } else {
      const partner = await findPartnerByPhone(db.pool, phone);
      const refusal = loginRefusal(partner);
      if (refusal || !partner) throw new AppError('IDENTITY.PARTNER_NOT_APPROVED', refusal ?? undefined);
      principal = { id: partner.id, role: 'partner' };
    }
    return sessions.open(principal, { userAgent: userAgent(request.headers['user-agent']), isNewAccount });
  });

  implementRoute(app, db, identityRoutes.loginWithPassword, async ({ body, request, reply }) => {
    const email = body.email.trim().toLowerCase();
    const waitSeconds = await staffLogins.waitSeconds(email, request.ip);
    if (waitSeconds !== undefined) throw rateLimited(reply, waitSeconds);
    const account = await findStaffByEmail(db.pool, email);
    const isValid = await verifyPassword(account?.passwordHash ?? null, body.password);
    if (!account || !isValid) {
      await staffLogins.recordFailure(email, request.ip);
      throw new AppError('IDENTITY.CREDENTIALS_INVALID');
    }
    await staffLogins.recordSuccess(email, request.ip);
    return sessions.open(
      { id: account.id, role: account.role },
      { userAgent: userAgent(request.headers['user-agent']) },
    );
  });

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

  implementRoute(app, db, identityRoutes.revokeAccountSessions, async ({ params, principal }) => {
    const revoked = await sessions.revokeAllOf(params.accountId, 'revoked_by_admin');
    await db.transaction((tx) =>
      recordAudit(
        tx,
        {
          actor: principal,
          action: 'sessions.revoked',
          resourceType: 'account',
          resourceId: params.accountId,
          before: { liveSessions: revoked },
          after: { liveSessions: 0 },
        },
        clock,
      ),
    );
    return { revoked };
  });
}
