import type { Cache } from '@zefy/platform';

/**
 * Limits on staff password logins. Counting failures per e-mail alone would let anyone lock a staff member
 * out, so failures count per (e-mail, client address), with a doubling wait after the first few. Two wider
 * limits stop guessing at scale: attempts per address (whatever the e-mail), and a much higher ceiling of
 * failures per e-mail over every address, against guessing from many addresses. The ceiling spares the
 * addresses that signed in to the account recently: a distributed attacker can hold off new-address logins
 * for an hour at most, never the staff member signing in from their usual address.
 */
export const staffLoginLimits = {
  attemptsPerAddress: { max: 30, windowMs: 15 * 60_000 },
  failuresPerPair: { free: 5, windowMs: 60 * 60_000 },
  backoff: { firstMs: 1000, maxMs: 15 * 60_000 },
  failuresPerEmail: { max: 200, windowMs: 60 * 60_000 },
  knownAddressMs: 30 * 24 * 60 * 60_000,
};

/** The wait after a pair's `failures`-th failure: none for the first few, then 1 s, 2 s, 4 s… up to 15 min. */
export function backoffMs(failures: number): number {
  const { failuresPerPair, backoff } = staffLoginLimits;
  if (failures <= failuresPerPair.free) return 0;
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** (failures - failuresPerPair.free - 1));
}

export interface StaffLoginThrottle {
  /** Seconds to wait before `address` may try `email` again; undefined when it may now. Counts the attempt. */
  waitSeconds(email: string, address: string): Promise<number | undefined>;
  recordFailure(email: string, address: string): Promise<void>;
  recordSuccess(email: string, address: string): Promise<void>;
}

export function createStaffLoginThrottle(cache: Cache): StaffLoginThrottle {
  const limits = staffLoginLimits;
  // JSON keeps the parts apart: an IPv6 address and an e-mail may both contain ':'
  const keys = (email: string, address: string) => {
    const pair = JSON.stringify([email, address]);
    return {
      address: `login:attempts:addr:${address}`,
      pairFailures: `login:failures:pair:${pair}`,
      pairLock: `login:locked:pair:${pair}`,
      emailFailures: `login:failures:email:${email}`,
      known: `login:known:pair:${pair}`,
    };
  };
  const secondsLeft = async (key: string, fallbackMs: number) =>
    Math.max(1, Math.ceil(((await cache.ttlMs(key)) ?? fallbackMs) / 1000));

  return {
    async waitSeconds(email, address) {
      const key = keys(email, address);
      const { attemptsPerAddress, failuresPerEmail } = limits;
      if ((await cache.incr(key.address, 1, attemptsPerAddress.windowMs)) > attemptsPerAddress.max)
        return secondsLeft(key.address, attemptsPerAddress.windowMs);
      if ((await cache.get(key.pairLock)) !== null) return secondsLeft(key.pairLock, limits.backoff.firstMs);
      if (
        Number(await cache.get(key.emailFailures)) >= failuresPerEmail.max &&
        (await cache.get(key.known)) === null
      )
        return secondsLeft(key.emailFailures, failuresPerEmail.windowMs);
      return undefined;
    },
    async recordFailure(email, address) {
      const key = keys(email, address);
      const failures = await cache.incr(key.pairFailures, 1, limits.failuresPerPair.windowMs);
      const waitMs = backoffMs(failures);
      if (waitMs > 0) await cache.set(key.pairLock, String(failures), { ttlMs: waitMs });
      await cache.incr(key.emailFailures, 1, limits.failuresPerEmail.windowMs);
    },
    async recordSuccess(email, address) {
      const key = keys(email, address);
      await cache.del(key.pairFailures, key.pairLock);
      await cache.set(key.known, '1', { ttlMs: limits.knownAddressMs });
    },
  };
}
