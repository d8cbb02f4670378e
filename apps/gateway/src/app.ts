import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  AppError,
  createHttpApp,
  type Infrastructure,
  type RunningService,
  type ServiceModule,
  useHealthRoutes,
  useMetrics,
} from '@zefy/platform';
import { razorpaySimRoutes } from '@zefy/razorpay-sim';
import type { FastifyInstance } from 'fastify';
import { useServiceProxies } from './proxy.ts';
import { cacheRateLimitStore } from './rate-limit-store.ts';
import { type EmbeddedRazorpaySim, razorpaySimPrefix } from './razorpay-sim.ts';
import { useWebApps } from './web-apps.ts';
import { useWebSocketHub } from './websocket-hub.ts';

export interface GatewayOptions {
  infra: Infrastructure;
  /** Services running inside this process. */
  embedded: RunningService[];
  /** Services running elsewhere, reached over HTTP. */
  remote: Array<{ module: ServiceModule; urls: string[] }>;
  corsOrigins?: string[];
  rateLimitPerMinute: number;
  webDir?: string;
  razorpaySim?: EmbeddedRazorpaySim | null;
}

/** Builds the gateway: security headers, CORS, rate limits, docs, health, metrics, WebSocket hub, the API, the apps. */
export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const { infra } = options;
  const app = createHttpApp({ logger: infra.logger, tokens: infra.tokens });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(cors, {
    origin: options.corsOrigins && options.corsOrigins.length > 0 ? options.corsOrigins : false,
    credentials: true,
    exposedHeaders: ['x-request-id', 'x-correlation-id', 'idempotent-replayed', 'retry-after'],
  });
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    store: cacheRateLimitStore(infra.cache),
    allowList: (request) => /^\/(healthz|readyz|metrics)$/.test(request.url),
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
  await useWebSocketHub(app, { cache: infra.cache, metrics: infra.metrics, sessions: infra.sessions });

  for (const service of options.embedded) {
    await app.register(async (scope) => service.module.registerRoutes(scope, service.context));
  }
  if (options.razorpaySim) await useRazorpaySim(app, options.razorpaySim);
  await useServiceProxies(
    app,
    options.remote.map(({ module, urls }) => ({ routes: module.routes, urls })),
  );
  if (options.webDir) await useWebApps(app, options.webDir);
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
