import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveOtp, isOtpMatch, storeOtp } from './job.otp.ts';

const key = randomBytes(32);

describe('OTP codes', () => {
  it('derives six digits per booking, kind and generation, the same every time', () => {
    const code = deriveOtp(key, 'b-1', 'start', 1);
    expect(code).toMatch(/^\d{6}$/);
    expect(deriveOtp(key, 'b-1', 'start', 1)).toBe(code);
    const others = [
      deriveOtp(key, 'b-1', 'end', 1),
      deriveOtp(key, 'b-1', 'start', 2),
      deriveOtp(key, 'b-2', 'start', 1),
      deriveOtp(randomBytes(32), 'b-1', 'start', 1),
    ];
    // a collision of 6 digits among four is possible but one in tens of thousands
    expect(others.filter((other) => other === code).length).toBeLessThanOrEqual(1);
  });

  it('stores a salted hash only, and matches the code and nothing else', () => {
    const stored = storeOtp('042137', 1);
    expect(JSON.stringify(stored)).not.toContain('042137');
    expect(stored.salt).not.toBe(storeOtp('042137', 1).salt);
    expect(isOtpMatch(stored, '042137')).toBe(true);
    expect(isOtpMatch(stored, '042138')).toBe(false);
    expect(isOtpMatch(stored, '42137')).toBe(false);
  });
});
