import { identityRoutes, type Principal } from '@zefy/contracts';
import { AppError, implementRoute, newId, recordAudit } from '@zefy/platform';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findOrRegisterCustomer } from '../customers/customers.repository.ts';
import { generateCode, hashCode, isSameHash } from '../otp/otp.codes.ts';
import { issueChallenge, judgeAttempt, otpMessage, otpPolicy } from '../otp/otp.ts';
import { findPartnerByPhone } from '../partners/partners.repository.ts';
import { loginRefusal } from '../partners/partners.ts';
import { requirePhone } from '../phone/phone.input.ts';
import type { IdentityRuntime } from '../runtime.ts';
import { verifyPassword } from '../staff/staff.passwords.ts';
import { findStaffByEmail } from '../staff/staff.repository.ts';

const loginLimits = {
  failuresPerEmail: { max: 10, windowMs: 15 * 60_000 },
  attemptsPerAddress: { max: 30, windowMs: 15 * 60_000 },
};

function rateLimited(reply: FastifyReply, retryAfterSeconds: number): AppError {
  reply.header('retry-after', String(retryAfterSeconds));
  return new AppError('IDENTITY.RATE_LIMITED', `Try again in ${retryAfterSeconds} s`);
}

const userAgent = (header: string | string[] | undefined) =>
  typeof header === 'string' ? header : undefined;

export function registerAuthRoutes(app: FastifyInstance, runtime: IdentityRuntime): void {
  const { context, otp, sessions, sms, otpKey } = runtime;
  const { db, cache, clock } = context;

  implementRoute(app, db, identityRoutes.requestOtp, async ({ body, request, reply }) => {
    const phone = requirePhone(body.phone);
    const claim = await otp.claimSend(phone, request.ip);
    if (!claim.isAllowed) throw rateLimited(reply, claim.retryAfterSeconds);
    // a challenge is made either way, so the answer and the next step look alike for every phone; only
    // customers (who sign up here) and known partners get a text
    const isRecipient = body.audience === 'customer' || (await findPartnerByPhone(db.pool, phone)) !== null;
    const code = generateCode();
    const id = newId();
    const challenge = issueChallenge(
      { id, phone, audience: body.audience, codeHash: hashCode(otpKey, id, code) },
      clock.now(),
    );
    await otp.save(challenge);
    if (isRecipient) sms.dispatch({ to: phone, text: otpMessage(code), code });
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
    const addressKey = `login:attempts:addr:${request.ip}`;
    const failuresKey = `login:failures:email:${email}`;
    const { attemptsPerAddress, failuresPerEmail } = loginLimits;
    if ((await cache.incr(addressKey, 1, attemptsPerAddress.windowMs)) > attemptsPerAddress.max)
      throw rateLimited(
        reply,
        Math.ceil(((await cache.ttlMs(addressKey)) ?? attemptsPerAddress.windowMs) / 1000),
      );
    if (Number(await cache.get(failuresKey)) >= failuresPerEmail.max)
      throw rateLimited(
        reply,
        Math.ceil(((await cache.ttlMs(failuresKey)) ?? failuresPerEmail.windowMs) / 1000),
      );
    const account = await findStaffByEmail(db.pool, email);
    const isValid = await verifyPassword(account?.passwordHash ?? null, body.password);
    if (!account || !isValid) {
      await cache.incr(failuresKey, 1, failuresPerEmail.windowMs);
      throw new AppError('IDENTITY.CREDENTIALS_INVALID');
    }
    await cache.del(failuresKey);
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
