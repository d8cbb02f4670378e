import { fileURLToPath } from 'node:url';
import { PlatformEnv } from '@zefy/platform';
import { type Static, Type } from 'typebox';

const urlList = Type.String({
  pattern: '^https?://[^\\s,]+(,https?://[^\\s,]+)*$',
  description: 'a comma-separated list of http:// URLs',
});

export const GatewayEnv = Type.Object({
  ...PlatformEnv.properties,
  CORS_ORIGINS: Type.Optional(Type.String({ description: 'a comma-separated list of origins' })),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  /** Where a service runs as its own process; absent means it runs inside the gateway. */
  CATALOG_URLS: Type.Optional(urlList),
  WEB_DIR: Type.String({
    default: fileURLToPath(new URL('../..', import.meta.url)),
    description: 'the folder holding user-web, partner-web and admin-web',
  }),
});
export type GatewayEnv = Static<typeof GatewayEnv>;

export const remoteServiceUrls = (config: GatewayEnv): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries({ catalog: config.CATALOG_URLS })
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, urls]) => [name, urls.split(',')]),
  );
