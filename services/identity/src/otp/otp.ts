import type { LoginAudience } from '@zefy/contracts';

/**
 * Login codes (OWASP ASVS 6.5/6.6, NIST 800-63B): 6 CSPRNG digits, 5 minutes, single use, bound to the
 * challenge that sent them, 5 wrong entries per challenge. Sends are limited per phone (a 30 s cooldown,
 * 5 per 15 minutes, 10 a day) and per client address (20 per 15 minutes); with at most 10 challenges a day
 * of 5 attempts each, a phone sees at most 50 guesses a day, under NIST's cap of 100 failures.
 */
export const otpPolicy = {
  codeLength: 6,
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  resendCooldownMs: 30_000,
  limits: {
    perPhone: { max: 5, windowMs: 15 * 60_000 },
    perPhonePerDay: { max: 10, windowMs: 24 * 3600_000 },
    perAddress: { max: 20, windowMs: 15 * 60_000 },
  },
} as const;

export interface OtpChallenge {
  id: string;
  phone: string;
  audience: LoginAudience;
  /** HMAC of `${id}:${code}` under a server key: the code itself is never stored. */
  codeHash: string;
  issuedAt: string;
  expiresAt: string;
}

export function issueChallenge(
  input: { id: string; phone: string; audience: LoginAudience; codeHash: string },
  now: Date,
): OtpChallenge {
  return {
    ...input,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + otpPolicy.ttlMs).toISOString(),
  };
}

/** One entry of a code; `number` counts this challenge's entries (1 = first), claimed atomically by the store. */
export interface OtpAttempt {
  challengeId: string;
  number: number;
  isCodeCorrect: boolean;
  at: Date;
}

export type AttemptOutcome =
  | { kind: 'verified' }
  | { kind: 'incorrect'; attemptsLeft: number }
  | { kind: 'expired' }
  | { kind: 'attempts_exceeded' };

/**
 * Judges an entry against the current challenge for the phone. A missing challenge, one replaced by a newer
 * request, or one past its lifetime is expired; past the 5th entry even the right code is refused.
 */
export function judgeAttempt(challenge: OtpChallenge | null, attempt: OtpAttempt): AttemptOutcome {
  if (!challenge || challenge.id !== attempt.challengeId) return { kind: 'expired' };
  if (attempt.at.getTime() >= Date.parse(challenge.expiresAt)) return { kind: 'expired' };
  if (attempt.number > otpPolicy.maxAttempts) return { kind: 'attempts_exceeded' };
  if (attempt.isCodeCorrect) return { kind: 'verified' };
  return { kind: 'incorrect', attemptsLeft: otpPolicy.maxAttempts - attempt.number };
}

export type LimitName = keyof typeof otpPolicy.limits;

/** The first send limit a new count exceeds, if any; counts include the request being judged. */
export function exceededLimit(counts: Record<LimitName, number>): LimitName | null {
  for (const name of Object.keys(otpPolicy.limits) as LimitName[]) {
    if (counts[name] > otpPolicy.limits[name].max) return name;
  }
  return null;
}

export const otpMessage = (code: string): string =>
  `${code} is your Zefy login code. It expires in ${otpPolicy.ttlMs / 60_000} minutes. Never share it, not even with Zefy staff.`;
