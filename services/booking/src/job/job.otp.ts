import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OtpKind } from './job.ts';

export const otpDigits = 6;

/** What is stored of a code: which one it is, a salt of its own, and the salted hash. Never the code. */
export interface StoredOtp {
  generation: number;
  salt: string;
  hash: string;
}

/**
 * The code of a booking's `kind` and `generation`, derived from the service's key, so the customer's view
 * can show it again without it being stored anywhere; without the key it cannot be computed.
 */
export function deriveOtp(key: Buffer, bookingId: string, kind: OtpKind, generation: number): string {
  const digest = createHmac('sha256', key).update(`${bookingId}:${kind}:${generation}`).digest();
  return String(digest.readUInt32BE(0) % 10 ** otpDigits).padStart(otpDigits, '0');
}

const hashOf = (salt: string, code: string): Buffer =>
  createHmac('sha256', Buffer.from(salt, 'hex')).update(code).digest();

export function storeOtp(code: string, generation: number): StoredOtp {
  const salt = randomBytes(16).toString('hex');
  return { generation, salt, hash: hashOf(salt, code).toString('hex') };
}

/** Whether `submitted` is the stored code, in constant time (equal-length digests). */
export const isOtpMatch = (stored: StoredOtp, submitted: string): boolean =>
  timingSafeEqual(hashOf(stored.salt, submitted), Buffer.from(stored.hash, 'hex'));
