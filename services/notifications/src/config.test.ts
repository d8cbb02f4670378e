import { ConfigError } from '@zefy/platform';
import { describe, expect, it } from 'vitest';
import { appUrls, pushSettings } from './config.ts';

describe('pushSettings', () => {
  it('uses the embedded simulator by default', () => {
    expect(pushSettings({ NODE_ENV: 'development' })).toEqual({
      adapter: 'local-simulator',
      projectId: 'zefy-local',
      accessToken: 'zefy-local-fcm-token',
    });
  });

  it('talks to FCM_BASE_URL with our REST client when given', () => {
    expect(
      pushSettings({
        FCM_BASE_URL: 'http://127.0.0.1:4190',
        FCM_PROJECT_ID: 'zefy-dev',
        FCM_ACCESS_TOKEN: 'secret',
      }),
    ).toEqual({
      adapter: 'rest',
      baseUrl: 'http://127.0.0.1:4190',
      projectId: 'zefy-dev',
      accessToken: 'secret',
    });
  });

  it('selects firebase-admin when credentials and a project are given', () => {
    expect(
      pushSettings({ FCM_PROJECT_ID: 'zefy-prod', FCM_SERVICE_ACCOUNT_JSON: '{"type":"service_account"}' }),
    ).toEqual({
      adapter: 'firebase',
      projectId: 'zefy-prod',
      serviceAccountJson: '{"type":"service_account"}',
    });
    expect(
      pushSettings({ FCM_PROJECT_ID: 'zefy-prod', GOOGLE_APPLICATION_CREDENTIALS: '/keys/fcm.json' }),
    ).toEqual({
      adapter: 'firebase',
      projectId: 'zefy-prod',
    });
  });

  it('refuses credentials without a project, and production without real FCM', () => {
    expect(() => pushSettings({ GOOGLE_APPLICATION_CREDENTIALS: '/keys/fcm.json' })).toThrow(ConfigError);
    expect(() => pushSettings({ NODE_ENV: 'production' })).toThrow(/required when NODE_ENV=production/);
  });
});

describe('appUrls', () => {
  it("reads each app's published URL as a directory, and none when unset", () => {
    expect(appUrls({})).toEqual({});
    expect(
      appUrls({ USER_APP_URL: 'https://zefy.example', PARTNER_APP_URL: 'https://zefy.example/partner/' }),
    ).toEqual({ customer: 'https://zefy.example/', partner: 'https://zefy.example/partner/' });
  });

  it('refuses a URL that is not https://, which FCM would not open', () => {
    expect(() => appUrls({ USER_APP_URL: 'http://127.0.0.1:3000/' })).toThrow(ConfigError);
    expect(() => pushSettings({ PARTNER_APP_URL: 'zefy.example/partner/' })).toThrow(/PARTNER_APP_URL/);
  });
});
