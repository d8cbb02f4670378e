import { ConfigError } from '@zefy/platform';
import { type Static, Type } from 'typebox';
import Value from 'typebox/value';
import type { AppUrls } from './recipients.ts';

// FCM opens a web push's link only over HTTPS (WebpushFcmOptions.link)
const appUrl = (app: string) =>
  Type.Optional(
    Type.String({ pattern: '^https://[^\\s]+$', description: `the https:// URL the ${app} is published at` }),
  );

/** The notifications service's own variables; the gateway and the standalone runner validate them at start-up. */
export const NotificationsEnv = Type.Object({
  FCM_PROJECT_ID: Type.Optional(
    Type.String({ pattern: '^[a-z][a-z0-9-]{4,61}[a-z0-9]$', description: 'a Firebase project id' }),
  ),
  FCM_SERVICE_ACCOUNT_JSON: Type.Optional(
    Type.String({ pattern: '^\\s*\\{', description: 'a service account key as JSON' }),
  ),
  GOOGLE_APPLICATION_CREDENTIALS: Type.Optional(
    Type.String({ minLength: 1, description: 'the path of a service account key file' }),
  ),
  FCM_BASE_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^\\s]+$',
      description: 'an http(s):// URL of an FCM HTTP v1 endpoint',
    }),
  ),
  FCM_ACCESS_TOKEN: Type.String({
    minLength: 1,
    default: 'zefy-local-fcm-token',
    description: 'the Bearer token sent to FCM_BASE_URL',
  }),
  USER_APP_URL: appUrl('user app'),
  PARTNER_APP_URL: appUrl('partner app'),
});
type NotificationsEnv = Static<typeof NotificationsEnv>;

/** Where pushes go: Firebase itself, an FCM HTTP v1 endpoint we name (a shared simulator), or a simulator of our own. */
export type PushSettings =
  | { adapter: 'firebase'; projectId: string; serviceAccountJson?: string }
  | { adapter: 'rest'; baseUrl: string; projectId: string; accessToken: string }
  | { adapter: 'local-simulator'; projectId: string; accessToken: string };

function readEnv(config: Readonly<Record<string, unknown>>): NotificationsEnv {
  const env = Value.Default(
    NotificationsEnv,
    Object.fromEntries(
      Object.keys(NotificationsEnv.properties).flatMap((name) =>
        config[name] === undefined ? [] : [[name, config[name]]],
      ),
    ),
  ) as NotificationsEnv;
  if (!Value.Check(NotificationsEnv, env))
    throw new ConfigError(
      `Invalid configuration: ${[...Value.Errors(NotificationsEnv, env)].map((error) => error.instancePath || error.message).join('; ')}`,
    );
  return env;
}

/** Firebase when credentials are given, else FCM_BASE_URL, else (not in production) the embedded simulator. */
export function pushSettings(config: Readonly<Record<string, unknown>>): PushSettings {
  const env = readEnv(config);
  const hasCredentials = Boolean(env.FCM_SERVICE_ACCOUNT_JSON || env.GOOGLE_APPLICATION_CREDENTIALS);
  if (hasCredentials) {
    if (!env.FCM_PROJECT_ID)
      throw new ConfigError('Invalid configuration: FCM_PROJECT_ID is required with Firebase credentials');
    return {
      adapter: 'firebase',
      projectId: env.FCM_PROJECT_ID,
      ...(env.FCM_SERVICE_ACCOUNT_JSON ? { serviceAccountJson: env.FCM_SERVICE_ACCOUNT_JSON } : {}),
    };
  }
  const projectId = env.FCM_PROJECT_ID ?? 'zefy-local';
  if (env.FCM_BASE_URL)
    return { adapter: 'rest', baseUrl: env.FCM_BASE_URL, projectId, accessToken: env.FCM_ACCESS_TOKEN };
  // a simulator in production would swallow every push without a word
  if (config.NODE_ENV === 'production')
    throw new ConfigError(
      'Invalid configuration: FCM_PROJECT_ID with FCM_SERVICE_ACCOUNT_JSON or GOOGLE_APPLICATION_CREDENTIALS is required when NODE_ENV=production',
    );
  return { adapter: 'local-simulator', projectId, accessToken: env.FCM_ACCESS_TOKEN };
}

/** Where the apps are published, each as a directory URL (ending in `/`) its screens' paths resolve against. */
export function appUrls(config: Readonly<Record<string, unknown>>): AppUrls {
  const { USER_APP_URL, PARTNER_APP_URL } = readEnv(config);
  const directory = (url: string) => (url.endsWith('/') ? url : `${url}/`);
  return {
    ...(USER_APP_URL ? { customer: directory(USER_APP_URL) } : {}),
    ...(PARTNER_APP_URL ? { partner: directory(PARTNER_APP_URL) } : {}),
  };
}
