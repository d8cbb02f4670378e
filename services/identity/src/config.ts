import path from 'node:path';
import { ConfigError, type PlatformEnv } from '@zefy/platform';
import { type Static, Type } from 'typebox';

/** Identity's own variables, validated with the platform's by whichever process runs identity. */
export const IdentityEnv = Type.Object({
  ADMIN_EMAIL: Type.Optional(
    Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 254, description: 'an email address' }),
  ),
  ADMIN_PASSWORD: Type.Optional(
    Type.String({ minLength: 12, maxLength: 256, description: 'at least 12 characters' }),
  ),
  SMS_PROVIDER: Type.Optional(
    Type.Union([Type.Literal('dev'), Type.Literal('twilio')], {
      description: 'dev or twilio (default: twilio when TWILIO_ACCOUNT_SID is set)',
    }),
  ),
  TWILIO_ACCOUNT_SID: Type.Optional(
    Type.String({ pattern: '^AC[0-9a-fA-F]{32}$', description: 'AC + 32 hex digits' }),
  ),
  TWILIO_AUTH_TOKEN: Type.Optional(Type.String({ minLength: 8, description: 'the account auth token' })),
  TWILIO_FROM: Type.Optional(
    Type.String({
      pattern: '^(\\+[1-9][0-9]{7,14}|[A-Za-z0-9 ]{1,11})$',
      description: 'an E.164 number or an alphanumeric sender id',
    }),
  ),
  TWILIO_MESSAGING_SERVICE_SID: Type.Optional(
    Type.String({ pattern: '^MG[0-9a-fA-F]{32}$', description: 'MG + 32 hex digits' }),
  ),
  TWILIO_BASE_URL: Type.String({
    default: 'https://api.twilio.com',
    pattern: '^https?://[^\\s]+$',
    description: 'an http(s):// URL',
  }),
});
type IdentityEnv = Static<typeof IdentityEnv>;

export type SmsSettings =
  /** Development sink: messages are appended to a file (never the log: they carry login codes). */
  | { provider: 'dev'; outboxFile: string }
  | {
      provider: 'twilio';
      baseUrl: string;
      accountSid: string;
      authToken: string;
      sender: { from: string } | { messagingServiceSid: string };
    };

export interface IdentityConfig {
  nodeEnv: PlatformEnv['NODE_ENV'];
  admin: { email: string; password: string } | null;
  sms: SmsSettings;
}

/** Reads identity's settings from the process configuration; inconsistent combinations stop the start. */
export function identityConfig(config: Readonly<Record<string, unknown>>): IdentityConfig {
  const env = config as Partial<IdentityEnv> & Partial<Pick<PlatformEnv, 'NODE_ENV' | 'DATA_DIR'>>;
  const problems: string[] = [];
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD))
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together');
  const provider = env.SMS_PROVIDER ?? (env.TWILIO_ACCOUNT_SID ? 'twilio' : 'dev');
  let sms: SmsSettings = {
    provider: 'dev',
    outboxFile: path.resolve(env.DATA_DIR ?? '.data', 'dev-sms.jsonl'),
  };
  if (provider === 'twilio') {
    if (!env.TWILIO_ACCOUNT_SID) problems.push('TWILIO_ACCOUNT_SID is required for SMS_PROVIDER=twilio');
    if (!env.TWILIO_AUTH_TOKEN) problems.push('TWILIO_AUTH_TOKEN is required for SMS_PROVIDER=twilio');
    if (!env.TWILIO_FROM === !env.TWILIO_MESSAGING_SERVICE_SID)
      problems.push('set one of TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID');
    sms = {
      provider: 'twilio',
      baseUrl: (env.TWILIO_BASE_URL ?? 'https://api.twilio.com').replace(/\/+$/, ''),
      accountSid: env.TWILIO_ACCOUNT_SID ?? '',
      authToken: env.TWILIO_AUTH_TOKEN ?? '',
      sender: env.TWILIO_MESSAGING_SERVICE_SID
        ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID }
        : { from: env.TWILIO_FROM ?? '' },
    };
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return {
    nodeEnv: env.NODE_ENV ?? 'development',
    admin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : null,
    sms,
  };
}
