import type { LoginAudience } from '@zefy/contracts';
import type { Cache } from '@zefy/platform';
import { exceededLimit, type LimitName, type OtpChallenge, otpPolicy } from './otp.ts';

const keys = {
  challenge: (audience: LoginAudience, phone: string) => `otp:challenge:${audience}:${phone}`,
  attempts: (challengeId: string) => `otp:attempts:${challengeId}`,
  used: (challengeId: string) => `otp:used:${challengeId}`,
  cooldown: (phone: string) => `otp:cooldown:${phone}`,
  perPhone: (phone: string) => `otp:sends:15m:${phone}`,
  perPhonePerDay: (phone: string) => `otp:sends:day:${phone}`,
  perAddress: (address: string) => `otp:sends:addr:${address}`,
} as const;

export type SendClaim = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

/**
 * OTP state in the cache port: Redis in distributed mode, so limits, attempts and single use hold across
 * every gateway and identity instance. Every check is one atomic command (INCR, SET NX), never a read
 * followed by a write.
 */
export function createOtpStore(cache: Cache) {
  const load = async (audience: LoginAudience, phone: string): Promise<OtpChallenge | null> => {
    const raw = await cache.get(keys.challenge(audience, phone));
    return raw ? (JSON.parse(raw) as OtpChallenge) : null;
  };
  const retryAfter = async (key: string, fallbackMs: number) =>
    Math.max(1, Math.ceil(((await cache.ttlMs(key)) ?? fallbackMs) / 1000));

  return {
    /** Counts a send to `phone` from `address`; refused sends still count, so hammering does not help. */
    async claimSend(phone: string, address: string): Promise<SendClaim> {
      const { perAddress, perPhone, perPhonePerDay } = otpPolicy.limits;
      const addressCount = await cache.incr(keys.perAddress(address), 1, perAddress.windowMs);
      if (addressCount > perAddress.max)
        return {
          isAllowed: false,
          retryAfterSeconds: await retryAfter(keys.perAddress(address), perAddress.windowMs),
        };
      const isPastCooldown = await cache.setIfAbsent(keys.cooldown(phone), '1', otpPolicy.resendCooldownMs);
      if (!isPastCooldown)
        return {
          isAllowed: false,
          retryAfterSeconds: await retryAfter(keys.cooldown(phone), otpPolicy.resendCooldownMs),
        };
      const counts: Record<LimitName, number> = {
        perAddress: addressCount,
        perPhone: await cache.incr(keys.perPhone(phone), 1, perPhone.windowMs),
        perPhonePerDay: await cache.incr(keys.perPhonePerDay(phone), 1, perPhonePerDay.windowMs),
      };
      const exceeded = exceededLimit(counts);
      if (!exceeded) return { isAllowed: true };
      const key = exceeded === 'perPhone' ? keys.perPhone(phone) : keys.perPhonePerDay(phone);
      return {
        isAllowed: false,
        retryAfterSeconds: await retryAfter(key, otpPolicy.limits[exceeded].windowMs),
      };
    },

    /** Replaces any earlier challenge for the phone: only the latest code works. */
    async save(challenge: OtpChallenge): Promise<void> {
      await cache.set(keys.challenge(challenge.audience, challenge.phone), JSON.stringify(challenge), {
        ttlMs: otpPolicy.ttlMs,
      });
    },

    load,

    /** The number of this entry (1 = first) for the challenge, counted atomically across instances. */
    claimAttempt: (challengeId: string): Promise<number> =>
      cache.incr(keys.attempts(challengeId), 1, otpPolicy.ttlMs),

    /** True for exactly one caller per challenge: the code is single use even under concurrent entries. */
    async consume(challenge: OtpChallenge): Promise<boolean> {
      const isFirst = await cache.setIfAbsent(keys.used(challenge.id), '1', otpPolicy.ttlMs);
      if (!isFirst) return false;
      const current = await load(challenge.audience, challenge.phone);
      if (current?.id === challenge.id) await cache.del(keys.challenge(challenge.audience, challenge.phone));
      return true;
    },
  };
}
export type OtpStore = ReturnType<typeof createOtpStore>;
