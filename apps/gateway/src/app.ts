import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type BookingChangesPage, bookingRoutes, type LiveTracking, trackingRoutes } from '@zefy/contracts';
import {
  AppError,
  createHttpApp,
  type Infrastructure,
  type RunningService,
  type ServiceModule,
  useHealthRoutes,
  useMetrics,
} from '@zefy/platform';
import { razorpaySimRoutes } from '@zefy/stand-ins/razorpay';
import type { FastifyInstance } from 'fastify';
import { useServiceProxies } from './proxy.ts';
import { cacheRateLimitStore } from './rate-limit-store.ts';
import { type EmbeddedRazorpaySim, razorpaySimPrefix } from './razorpay-sim.ts';
import { useWebApps } from './web-apps.ts';
import { type ReadChanges, type ReadTracking, useWebSocketHub, watchRefused } from './websocket-hub.ts';

export interface GatewayOptions {
  infra: Infrastructure;
  /** Services running inside this process. */
  embedded: RunningService[];
  /** Services running elsewhere, reached over HTTP. */
  remote: Array<{ module: ServiceModule; urls: string[] }>;
  corsOrigins?: string[];
  rateLimitPerMinute: number;
  /** The load balancers in front: the client's address (limits, lockouts) comes from their X-Forwarded-For. */
  trustProxy?: string;
  webDir?: string;
  /** The user app pays through Razorpay's checkout.js: its pages' policy lets it in. */
  checkoutJs?: boolean;
  razorpaySim?: EmbeddedRazorpaySim | null;
  websocket: { heartbeatMs: number; slowSocketBytes: number };
}

/**
 * The booking channel asks the booking service's `bookingChanges` route (and, for a snapshot, tracking's
 * `getTracking`) as the subscriber (a token minted for their session, living a minute), through this
 * gateway's own routing: embedded or forwarded alike. The header marks the call as the gateway's own, so
 * subscribers do not spend the client's rate limit.
 */
function askThrough(app: FastifyInstance, internalKey: string) {
  return async (who: Parameters<ReadChanges>[0], url: string, query: Record<string, string> = {}) => {
    const token = await app.tokens.issueAccessToken(who, 60);
    return app.inject({
      method: 'GET',
      url,
      query,
      headers: { authorization: `Bearer ${token}`, [internalCallHeader]: internalKey },
    });
  };
}

function readChangesThrough(ask: ReturnType<typeof askThrough>): ReadChanges {
  return async (who, bookingId, after) => {
    const url = bookingRoutes.bookingChanges.url.replace(':bookingId', encodeURIComponent(bookingId));
    const response = await ask(who, url, { after: String(after) });
    if (response.statusCode === 200) return response.json() as BookingChangesPage;
    // 400: not a booking id; 403: not a watcher's role; 404: not theirs, or no longer
    if ([400, 403, 404].includes(response.statusCode)) return watchRefused;
    throw new Error(`booking changes answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
  };
}

function readTrackingThrough(ask: ReturnType<typeof askThrough>): ReadTracking {
  return async (who, bookingId) => {
    const url = trackingRoutes.getTracking.url.replace(':bookingId', encodeURIComponent(bookingId));
    const response = await ask(who, url);
    if (response.statusCode === 200) return response.json() as LiveTracking;
    // 404: tracking has not heard of the booking, or its partner is no longer this watcher
    if (response.statusCode === 404) return null;
    throw new Error(`live tracking answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
  };
}

const internalCallHeader = 'x-zefy-gateway-call';

/** Builds the gateway: CORS, rate limits, docs, health, metrics, WebSocket hub, the API, the apps. */
export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const { infra } = options;
  const app = createHttpApp({
    logger: infra.logger,
    tokens: infra.tokens,
    trustProxy: options.trustProxy,
  });
  const internalKey = randomUUID();

  // without origins to allow, CORS stays off: no hook on every request (a preflight is a 404 either way)
  if (options.corsOrigins && options.corsOrigins.length > 0)
    await app.register(cors, {
      origin: options.corsOrigins,
      credentials: true,
      exposedHeaders: ['x-request-id', 'x-correlation-id', 'idempotent-replayed', 'retry-after'],
    });
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    store: cacheRateLimitStore(infra.cache),
    allowList: (request) =>
      /^\/(healthz|readyz|metrics)$/.test(request.url) || request.headers[internalCallHeader] === internalKey,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new AppError(
          'REQUEST.RATE_LIMITED',
          `Limit of ${context.max} requests per minute reached; retry in ${Math.ceil(context.ttl / 1000)} s`,
        ),
        {
          statusCode: 429,
        },
      ),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Zefy API',
        version: '1.0.0',
        description: 'On-demand home services. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  useMetrics(app, infra.metrics);
  useHealthRoutes(app, infra.readiness);
  const askAsWatcher = askThrough(app, internalKey);
  await useWebSocketHub(app, {
    cache: infra.cache,
    metrics: infra.metrics,
    sessions: infra.sessions,
    readChanges: readChangesThrough(askAsWatcher),
    readTracking: readTrackingThrough(askAsWatcher),
    ...options.websocket,
  });

  for (const service of options.embedded) {
    await app.register(async (scope) => service.registerRoutes(scope));
  }
  if (options.razorpaySim) await useRazorpaySim(app, options.razorpaySim);
  await useServiceProxies(
    app,
    options.remote.map(({ module, urls }) => ({ routes: module.contracts, urls })),
  );
  if (options.webDir) await useWebApps(app, options.webDir, { checkoutJs: options.checkoutJs ?? false });
  return app;
}

/**
 * Mounts the embedded Razorpay simulator (checkout page, API, control) under /razorpay-sim and, unless
 * RAZORPAY_SIM_WEBHOOK_URL says otherwise, points its webhooks at this gateway once it listens.
 */
async function useRazorpaySim(app: FastifyInstance, sim: EmbeddedRazorpaySim): Promise<void> {
  await app.register(razorpaySimRoutes(sim.simulator), { prefix: razorpaySimPrefix });
  if (sim.isWebhookUrlConfigured) return;
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (!address || typeof address === 'string') return;
    const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
    const hostPart = host.includes(':') ? `[${host}]` : host;
    sim.simulator.webhooks.update({
      url: `http://${hostPart}:${address.port}/api/v1/payments/webhooks/razorpay`,
    });
  });
}
