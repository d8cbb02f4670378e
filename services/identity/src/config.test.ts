import { ConfigError } from '@zefy/platform';
import { describe, expect, it } from 'vitest';
import { identityConfig } from './config.ts';

const twilio = {
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'token-123456',
  TWILIO_BASE_URL: 'https://api.twilio.com/',
};

describe('identityConfig', () => {
  it('uses the development sink and no first admin by default', () => {
    expect(identityConfig({ NODE_ENV: 'development', DATA_DIR: '/var/zefy' })).toEqual({
      nodeEnv: 'development',
      admin: null,
      sms: { provider: 'dev', outboxFile: '/var/zefy/dev-sms.jsonl' },
    });
  });

  it('selects Twilio when its account is configured', () => {
    expect(identityConfig({ ...twilio, TWILIO_FROM: '+15005550006' }).sms).toEqual({
      provider: 'twilio',
      baseUrl: 'https://api.twilio.com',
      accountSid: twilio.TWILIO_ACCOUNT_SID,
      authToken: twilio.TWILIO_AUTH_TOKEN,
      sender: { from: '+15005550006' },
    });
  });

  it('refuses half-configured settings, naming each problem', () => {
    expect(() => identityConfig({ ADMIN_EMAIL: 'a@b.c' })).toThrow(ConfigError);
    expect(() => identityConfig(twilio)).toThrow(/one of TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID/);
    expect(() => identityConfig({ SMS_PROVIDER: 'twilio' })).toThrow(
      /TWILIO_ACCOUNT_SID is required.*TWILIO_AUTH_TOKEN is required/,
    );
  });
});
