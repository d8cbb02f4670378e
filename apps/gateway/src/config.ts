import { fileURLToPath } from 'node:url';
import { PlatformEnv } from '@zefy/platform';
import { type Static, Type } from 'typebox';
import { serviceModules } from './services.ts';

const urlList = Type.Optional(
  Type.String({
    pattern: '^https?://[^\\s,]+(,https?://[^\\s,]+)*$',
    description: 'a comma-separated list of http:// URLs',
  }),
);

/** `CATALOG_URLS` etc.: where a service runs as its own processes; absent means inside the gateway. */
const serviceUrlVariable = (service: string) => `${service.toUpperCase().replaceAll('-', '_')}_URLS`;

/**
 * Services running inside the gateway read their own variables (ServiceModule.env) from its configuration;
 * typed as nothing here, since each service types its own.
 */
const serviceEnv = Object.fromEntries(
  serviceModules.flatMap((module) => Object.entries(module.env?.properties ?? {})),
) as Record<never, never>;

export const GatewayEnv = Type.Object({
  ...PlatformEnv.properties,
  CORS_ORIGINS: Type.Optional(Type.String({ description: 'a comma-separated list of origins' })),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  WEB_DIR: Type.String({
    default: fileURLToPath(new URL('../..', import.meta.url)),
    description: 'the folder holding user-web, partner-web and admin-web',
  }),
  RAZORPAY_SIM_WEBHOOK_URL: Type.Optional(
    Type.String({ pattern: '^https?://[^\\s]+$', description: 'an http(s):// URL of the webhook endpoint' }),
  ),
  ...Object.fromEntries(serviceModules.map((module) => [serviceUrlVariable(module.name), urlList])),
  ...serviceEnv,
});
export type GatewayEnv = Static<typeof GatewayEnv> & Record<string, unknown>;

export const remoteServiceUrls = (config: GatewayEnv): Record<string, string[]> =>
  Object.fromEntries(
    serviceModules.flatMap((module) => {
      const urls = config[serviceUrlVariable(module.name)];
      return typeof urls === 'string' ? [[module.name, urls.split(',')]] : [];
    }),
  );
