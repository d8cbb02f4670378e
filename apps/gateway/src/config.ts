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
  TRUST_PROXY: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Za-z.:/]+(,[0-9A-Za-z.:/]+)*$',
      description:
        'comma-separated addresses, subnets or loopback/linklocal/uniquelocal of the proxies in front of the gateway',
    }),
  ),
  WS_HEARTBEAT_MS: Type.Integer({
    minimum: 100,
    maximum: 25_000,
    default: 25_000,
    description: 'WebSocket ping interval; a socket that missed the previous pong is terminated',
  }),
  WS_SLOW_SOCKET_BYTES: Type.Integer({
    minimum: 0,
    default: 262_144,
    description: "unsent bytes past which a socket's stale positions and ETAs are dropped (the latest kept)",
  }),
  WEB_DIR: Type.String({
    default: fileURLToPath(new URL('../..', import.meta.url)),
    description: 'the folder holding user-web, partner-web and admin-web',
  }),
  DEMO_CREW: Type.Union([Type.Literal('on'), Type.Literal('off')], {
    default: 'on',
    description:
      'embedded mode outside production: simulated partners of the demo city on duty, taking offers (off: none)',
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

/** The demo crew runs only for the laptop demo: embedded mode, not production, not switched off. */
export const runsDemoCrew = (
  config: Pick<GatewayEnv, 'DEMO_CREW' | 'NODE_ENV'>,
  mode: 'embedded' | 'distributed',
): boolean => mode === 'embedded' && config.NODE_ENV !== 'production' && config.DEMO_CREW === 'on';
