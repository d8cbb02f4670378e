import { createMemoryCache } from '@zefy/platform';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  backoffMs,
  createStaffLoginThrottle,
  type StaffLoginThrottle,
  staffLoginLimits,
} from './staff.login-throttle.ts';

const admin = 'admin@zefy.dev';
const attacker = '203.0.113.7';
const office = '198.51.100.20';

let now = 0;
let throttle: StaffLoginThrottle;

beforeEach(() => {
  now = 1_000_000;
  throttle = createStaffLoginThrottle(createMemoryCache({ now: () => now }));
});

/** One failed login from `address`, as the route makes it: refused while waiting, else a failure. */
async function failFrom(address: string): Promise<number | undefined> {
  const wait = await throttle.waitSeconds(admin, address);
  if (wait === undefined) await throttle.recordFailure(admin, address);
  return wait;
}

describe('backoffMs', () => {
  it('waits nothing for the first five failures, then doubles from 1 s up to 15 minutes', () => {
    expect([1, 5, 6, 7, 8, 15].map(backoffMs)).toEqual([0, 0, 1000, 2000, 4000, 512_000]);
    expect(backoffMs(40)).toBe(15 * 60_000);
  });
});

describe('staff login throttle', () => {
  it('never locks a staff member out of their own address because of failures from another', async () => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await failFrom(attacker);
      now += 30_000;
    }
    expect(await throttle.waitSeconds(admin, attacker)).toBeGreaterThan(0);
    expect(await throttle.waitSeconds(admin, office)).toBeUndefined();
  });

  it('makes one address wait longer after each failure past the fifth', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await failFrom(attacker)).toBeUndefined();
    expect(await failFrom(attacker)).toBeUndefined();
    expect(await throttle.waitSeconds(admin, attacker)).toBe(1);
    now += 1000;
    expect(await failFrom(attacker)).toBeUndefined();
    expect(await throttle.waitSeconds(admin, attacker)).toBe(2);
    now += 1000;
    expect(await throttle.waitSeconds(admin, attacker)).toBe(1);
  });

  it('forgets a pair’s failures once it signs in', async () => {
    for (let attempt = 0; attempt < 6; attempt += 1) await failFrom(office);
    now += 1000;
    await throttle.recordSuccess(admin, office);
    await throttle.recordFailure(admin, office);
    expect(await throttle.waitSeconds(admin, office)).toBeUndefined();
  });

  it('limits attempts from one address whatever the e-mail', async () => {
    const { max } = staffLoginLimits.attemptsPerAddress;
    for (let attempt = 0; attempt < max; attempt += 1) {
      expect(await throttle.waitSeconds(`user${attempt}@zefy.dev`, attacker)).toBeUndefined();
    }
    expect(await throttle.waitSeconds('another@zefy.dev', attacker)).toBe(15 * 60);
  });

  it('caps failures per e-mail over many addresses, except for an address that signed in before', async () => {
    await throttle.recordSuccess(admin, office);
    for (let attempt = 0; attempt < staffLoginLimits.failuresPerEmail.max; attempt += 1) {
      await failFrom(`10.0.${Math.floor(attempt / 250)}.${attempt % 250}`);
    }
    expect(await throttle.waitSeconds(admin, '192.0.2.1')).toBeGreaterThan(0);
    expect(await throttle.waitSeconds(admin, office)).toBeUndefined();
  });
});
