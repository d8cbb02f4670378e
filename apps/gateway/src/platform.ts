import { opensCheckoutJs } from '@zefy/payments';
import {
  type Clock,
  createInfrastructure,
  type Infrastructure,
  type Logger,
  type RunningService,
  startService,
} from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from './app.ts';
import { type GatewayEnv, remoteServiceUrls } from './config.ts';
import { type EmbeddedRazorpaySim, startEmbeddedRazorpaySim } from './razorpay-sim.ts';
import { serviceModules } from './services.ts';

export interface RunningPlatform {
  app: FastifyInstance;
  infra: Infrastructure;
  services: RunningService[];
  /** The Razorpay simulator embedded for the payments service; null with real Razorpay or remote payments. */
  razorpaySim: EmbeddedRazorpaySim | null;
  stop(): Promise<void>;
}

/**
 * Starts the gateway and every service not configured as remote (`<SERVICE>_URLS`), on the infrastructure
 * the configuration selects: embedded defaults or the servers named by DATABASE_URL, RABBITMQ_URL, REDIS_URL.
 */
export async function startPlatform(
  config: GatewayEnv,
  logger: Logger,
  /** `clock`: every service's time (the system clock unless a test moves it by hand). */
  options: { serveWebApps?: boolean; clock?: Clock } = {},
): Promise<RunningPlatform> {
  const remoteUrls = remoteServiceUrls(config);
  // before the infrastructure: the payments service reads the simulator's URL and keys from its configuration
  const razorpaySim = await startEmbeddedRazorpaySim(config, logger, !remoteUrls.payments);
  const infra = await createInfrastructure(
    { ...config, ...razorpaySim?.env },
    { processName: 'gateway', logger, ...(options.clock ? { clock: options.clock } : {}) },
  ).catch(async (error: unknown) => {
    await razorpaySim?.close();
    throw error;
  });
  const services: RunningService[] = [];
  try {
    for (const module of serviceModules) {
      if (!remoteUrls[module.name]) services.push(await startService(module, infra, { poolSize: 5 }));
    }
    const app = await buildGateway({
      infra,
      embedded: services,
      remote: serviceModules.flatMap((module) => {
        const urls = remoteUrls[module.name];
        return urls ? [{ module, urls }] : [];
      }),
      corsOrigins: config.CORS_ORIGINS?.split(',').map((origin) => origin.trim()),
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      trustProxy: config.TRUST_PROXY,
      websocket: { heartbeatMs: config.WS_HEARTBEAT_MS, slowSocketBytes: config.WS_SLOW_SOCKET_BYTES },
      razorpaySim,
      checkoutJs: opensCheckoutJs(config),
      ...(options.serveWebApps === false ? {} : { webDir: config.WEB_DIR }),
    });
    return {
      app,
      infra,
      services,
      razorpaySim,
      async stop() {
        // the simulator's webhooks stop first: a delivery still running would keep a connection to the gateway open
        await razorpaySim?.simulator.webhooks.close();
        await app.close();
        for (const service of services) await service.stop();
        await razorpaySim?.close();
        await infra.close();
      },
    };
  } catch (error) {
    for (const service of services) await service.stop().catch(() => undefined);
    await razorpaySim?.close().catch(() => undefined);
    await infra.close();
    throw error;
  }
}
