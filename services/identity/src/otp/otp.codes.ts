import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { otpPolicy } from './otp.ts';

/** 6 digits from the CSPRNG, leading zeros kept (1,000,000 equally likely codes, ~20 bits). */
export const generateCode = (): string =>
  String(randomInt(0, 10 ** otpPolicy.codeLength)).padStart(otpPolicy.codeLength, '0');

/** Bound to the challenge: the same code under another challenge hashes differently. */
export const hashCode = (key: Buffer, challengeId: string, code: string): string =>
  createHmac('sha256', key).update(`${challengeId}:${code}`).digest('hex');

export function isSameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
