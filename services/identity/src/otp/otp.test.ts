import { ManualClock } from '@zefy/platform';
import { describe, expect, it } from 'vitest';
import { exceededLimit, issueChallenge, judgeAttempt, otpMessage, otpPolicy } from './otp.ts';

const clock = () => new ManualClock(new Date('2026-03-01T10:00:00Z'));
const challengeAt = (now: Date) =>
  issueChallenge({ id: 'c1', phone: '+919876543210', audience: 'customer', codeHash: 'h' }, now);

describe('OTP challenge', () => {
  it('given a fresh challenge, when the right code is entered, then it is verified', () => {
    const time = clock();
    const challenge = challengeAt(time.now());
    expect(challenge.expiresAt).toBe('2026-03-01T10:05:00.000Z');
    time.advance(60_000);
    expect(
      judgeAttempt(challenge, { challengeId: 'c1', number: 1, isCodeCorrect: true, at: time.now() }),
    ).toEqual({
      kind: 'verified',
    });
  });

  it('given wrong entries, then each says how many are left, down to none', () => {
    const time = clock();
    const challenge = challengeAt(time.now());
    const left = [1, 2, 3, 4, 5].map((number) =>
      judgeAttempt(challenge, { challengeId: 'c1', number, isCodeCorrect: false, at: time.now() }),
    );
    expect(left).toEqual([4, 3, 2, 1, 0].map((attemptsLeft) => ({ kind: 'incorrect', attemptsLeft })));
  });

  it('given five wrong entries, when the right code is entered sixth, then it is refused', () => {
    const time = clock();
    const challenge = challengeAt(time.now());
    expect(
      judgeAttempt(challenge, {
        challengeId: 'c1',
        number: otpPolicy.maxAttempts + 1,
        isCodeCorrect: true,
        at: time.now(),
      }),
    ).toEqual({ kind: 'attempts_exceeded' });
  });

  it('given five minutes have passed, then even the right code has expired', () => {
    const time = clock();
    const challenge = challengeAt(time.now());
    time.advance(otpPolicy.ttlMs - 1);
    expect(
      judgeAttempt(challenge, { challengeId: 'c1', number: 1, isCodeCorrect: true, at: time.now() }).kind,
    ).toBe('verified');
    time.advance(1);
    expect(
      judgeAttempt(challenge, { challengeId: 'c1', number: 1, isCodeCorrect: true, at: time.now() }).kind,
    ).toBe('expired');
  });

  it('given a newer challenge replaced it, or none exists, then the old one has expired', () => {
    const time = clock();
    const newer = { ...challengeAt(time.now()), id: 'c2' };
    expect(
      judgeAttempt(newer, { challengeId: 'c1', number: 1, isCodeCorrect: true, at: time.now() }).kind,
    ).toBe('expired');
    expect(
      judgeAttempt(null, { challengeId: 'c1', number: 1, isCodeCorrect: true, at: time.now() }).kind,
    ).toBe('expired');
  });
});

describe('send limits', () => {
  it('names the first limit a count exceeds', () => {
    expect(exceededLimit({ perPhone: 5, perPhonePerDay: 10, perAddress: 20 })).toBeNull();
    expect(exceededLimit({ perPhone: 6, perPhonePerDay: 6, perAddress: 1 })).toBe('perPhone');
    expect(exceededLimit({ perPhone: 1, perPhonePerDay: 11, perAddress: 1 })).toBe('perPhonePerDay');
    expect(exceededLimit({ perPhone: 1, perPhonePerDay: 1, perAddress: 21 })).toBe('perAddress');
  });

  it('writes the code into a message that says how long it lasts', () => {
    expect(otpMessage('042517')).toMatch(/^042517 is your Zefy login code\. It expires in 5 minutes\./);
  });
});
