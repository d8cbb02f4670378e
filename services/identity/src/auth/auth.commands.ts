import type { AuthTokens, LoginAudience, OtpChallenge, Principal } from '@zefy/contracts';
import { AppError, newId, recordAudit } from '@zefy/platform';
import { findOrRegisterCustomer } from '../customers/customers.repository.ts';
import type { IdentityDeps } from '../deps.ts';
import { generateCode, hashCode, isSameHash } from '../otp/otp.codes.ts';
import { issueChallenge, judgeAttempt, otpMessage, otpPolicy } from '../otp/otp.ts';
import { findPartnerByPhone } from '../partners/partners.repository.ts';
import { loginRefusal } from '../partners/partners.ts';
import { requirePhone } from '../phone/phone.input.ts';
import type { StaffLoginThrottle } from '../staff/staff.login-throttle.ts';
import { verifyPassword } from '../staff/staff.passwords.ts';
import { findStaffByEmail } from '../staff/staff.repository.ts';

/** Where a login comes from: limits count per client address; sessions remember the device. */
export interface LoginClient {
  address: string;
  userAgent: string | undefined;
}

/** A login step refused for now by a limit: the caller is told when to try again. */
export type Throttled<T> = { kind: 'throttled'; retryAfterSeconds: number } | { kind: 'done'; value: T };

/**
 * Sends a login code by SMS. Customers sign up here, so every phone gets a code; a partner is registered by
 * Zefy first, so a number that is no partner is told so (after the send limits, which bound how fast numbers
 * can be tried).
 */
export async function sendLoginCode(
  deps: IdentityDeps,
  request: { phone: string; audience: LoginAudience },
  client: LoginClient,
): Promise<Throttled<OtpChallenge>> {
  const { db, clock, otp, sms, otpKey } = deps;
  const phone = requirePhone(request.phone);
  const claim = await otp.claimSend(phone, client.address);
  if (!claim.isAllowed) return { kind: 'throttled', retryAfterSeconds: claim.retryAfterSeconds };
  if (request.audience === 'partner' && (await findPartnerByPhone(db.pool, phone)) === null)
    throw new AppError(
      'IDENTITY.PARTNER_NOT_REGISTERED',
      'Zefy registers partners before their first login; log in with the number you gave Zefy',
    );
  const code = generateCode();
  const id = newId();
  const challenge = issueChallenge(
    { id, phone, audience: request.audience, codeHash: hashCode(otpKey, id, code) },
    clock.now(),
  );
  await otp.save(challenge);
  sms.dispatch({ to: phone, text: otpMessage(code), code });
  return {
    kind: 'done',
    value: {
      challengeId: challenge.id,
      phone,
      expiresAt: challenge.expiresAt,
      codeLength: otpPolicy.codeLength,
      resendAfterSeconds: otpPolicy.resendCooldownMs / 1000,
    },
  };
}

/** Checks a login code (attempts counted, compared in constant time, used once) and opens a session. */
export async function verifyLoginCode(
  deps: IdentityDeps,
  request: { phone: string; audience: LoginAudience; challengeId: string; code: string },
  client: LoginClient,
): Promise<AuthTokens> {
  const { db, clock, otp, sessions, otpKey } = deps;
  const phone = requirePhone(request.phone);
  const challenge = await otp.load(request.audience, phone);
  const isCurrent = challenge?.id === request.challengeId;
  const outcome = judgeAttempt(challenge, {
    challengeId: request.challengeId,
    number: isCurrent && challenge ? await otp.claimAttempt(challenge.id) : 0,
    isCodeCorrect:
      isCurrent && challenge
        ? isSameHash(hashCode(otpKey, challenge.id, request.code), challenge.codeHash)
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
  if (request.audience === 'customer') {
    const { customer, isNew } = await db.transaction((tx) => findOrRegisterCustomer(tx, phone, clock));
    return sessions.open(
      { id: customer.id, role: 'customer' },
      { userAgent: client.userAgent, isNewAccount: isNew },
    );
  }
  const partner = await findPartnerByPhone(db.pool, phone);
  const refusal = loginRefusal(partner);
  if (refusal || !partner) throw new AppError('IDENTITY.PARTNER_NOT_APPROVED', refusal ?? undefined);
  return sessions.open({ id: partner.id, role: 'partner' }, { userAgent: client.userAgent });
}

/** A staff member signs in with e-mail and password, within the throttle that keeps others from locking them out. */
export async function loginStaff(
  deps: IdentityDeps,
  throttle: StaffLoginThrottle,
  request: { email: string; password: string },
  client: LoginClient,
): Promise<Throttled<AuthTokens>> {
  const email = request.email.trim().toLowerCase();
  const waitSeconds = await throttle.waitSeconds(email, client.address);
  if (waitSeconds !== undefined) return { kind: 'throttled', retryAfterSeconds: waitSeconds };
  const account = await findStaffByEmail(deps.db.pool, email);
  const isValid = await verifyPassword(account?.passwordHash ?? null, request.password);
  if (!account || !isValid) {
    await throttle.recordFailure(email, client.address);
    throw new AppError('IDENTITY.CREDENTIALS_INVALID');
  }
  await throttle.recordSuccess(email, client.address);
  return {
    kind: 'done',
    value: await deps.sessions.open({ id: account.id, role: account.role }, { userAgent: client.userAgent }),
  };
}

/** An admin ends every session of an account (a lost phone, a partner let go); audited. */
export async function revokeAccountSessions(
  deps: IdentityDeps,
  accountId: string,
  admin: Principal,
): Promise<{ revoked: number }> {
  const revoked = await deps.sessions.revokeAllOf(accountId, 'revoked_by_admin');
  await deps.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        actor: admin,
        action: 'sessions.revoked',
        resourceType: 'account',
        resourceId: accountId,
        before: { liveSessions: revoked },
        after: { liveSessions: 0 },
      },
      deps.clock,
    ),
  );
  return { revoked };
}
