import { randomInt } from 'node:crypto';
import type { AuthTokens, DevSms, LoginAudience, OtpChallenge } from '@zefy/contracts';
import { apiAt } from './api.ts';

/** A valid, random Indian mobile number (+91, 10 digits starting 9). */
export const randomPhone = (): string => `+919${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;

export async function requestCode(
  baseUrl: string,
  phone: string,
  audience: LoginAudience,
): Promise<OtpChallenge> {
  const response = await apiAt(baseUrl)('/api/v1/auth/otp', {
    method: 'POST',
    json: { phone, audience },
  });
  if (response.status !== 202)
    throw new Error(`OTP request answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as OtpChallenge;
}

/** The code the development sink sent to `phone` (embedded identity only). */
export async function devCode(baseUrl: string, phone: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
  if (response.status !== 200)
    throw new Error(`dev inbox answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as DevSms).code;
}

export function verifyCode(
  baseUrl: string,
  body: { phone: string; audience: LoginAudience; challengeId: string; code: string },
): Promise<Response> {
  return apiAt(baseUrl)('/api/v1/auth/otp/verify', { method: 'POST', json: body });
}

/** The whole phone login through the API, reading the code from `readCode` (the dev inbox by default). */
export async function loginByOtp(
  baseUrl: string,
  phone: string,
  audience: LoginAudience,
  readCode: (phone: string) => Promise<string> = (to) => devCode(baseUrl, to),
): Promise<AuthTokens> {
  const challenge = await requestCode(baseUrl, phone, audience);
  const response = await verifyCode(baseUrl, {
    phone,
    audience,
    challengeId: challenge.challengeId,
    code: await readCode(phone),
  });
  if (response.status !== 200)
    throw new Error(`OTP verify answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as AuthTokens;
}
