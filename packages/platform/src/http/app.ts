import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { executionContext } from '../context.ts';
import { newId } from '../core/ids.ts';
import { useProblemDetails } from './problem.ts';
import type { TokenService } from './tokens.ts';

const safeId = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenService;
  }
}

/**
 * A Fastify instance with our conventions: request and correlation ids carried in headers and in every log
 * line, problem+json errors, strict validation (unknown fields are rejected, not silently dropped).
 */
export function createHttpApp(options: {
  logger: Logger;
  tokens: TokenService;
  bodyLimit?: number;
  /** Addresses whose X-Forwarded-For is believed (proxy-addr syntax); none by default. */
  trustProxy?: string;
}): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    requestIdHeader: false,
    genReqId: (request) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && safeId.test(header) ? header : newId();
    },
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
    },
    return503OnClosing: true,
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  app.decorate('tokens', options.tokens);
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers['x-correlation-id'];
    const correlationId = typeof header === 'string' && safeId.test(header) ? header : request.id;
    executionContext.enter({ requestId: request.id, correlationId });
    reply.header('x-request-id', request.id);
    reply.header('x-correlation-id', correlationId);
  });
  useProblemDetails(app);
  return app;
}
