import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { executionContext } from '../context.ts';
import { AppError } from '../core/errors.ts';
import { requestLogger } from '../logger.ts';
import { schemasCompiledOnFirstUse } from './compile-on-first-use.ts';
import { answerClientError, sendFrameworkProblem, useProblemDetails } from './problem.ts';
import { useJsonBodies } from './raw-body.ts';
import { securityHeaders } from './security-headers.ts';
import { findUnstorableText } from './text-input.ts';
import type { TokenService } from './tokens.ts';
import { createValidatorCompiler } from './validation.ts';

const safeId = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenService;
  }
}

/**
 * A Fastify instance with our conventions: request and correlation ids carried in headers and in every log
 * line, security headers and problem+json on every answer (the router's and the HTTP parser's own refusals
 * too), strict validation (unknown fields are rejected, not silently dropped; bodies are not coerced) and no
 * NUL or unpaired surrogate in any text a route receives.
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
      // not a key, so not time-ordered: randomUUID draws from a pool, where a UUIDv7 asks the OS every time
      return typeof header === 'string' && safeId.test(header) ? header : randomUUID();
    },
    childLoggerFactory: (logger, bindings, options) =>
      requestLogger(logger as Logger, String(bindings.reqId), options),
    frameworkErrors: sendFrameworkProblem,
    clientErrorHandler: answerClientError,
    // answered by the onRequest hook below instead, as problem+json
    return503OnClosing: false,
    schemaController: schemasCompiledOnFirstUse,
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  app.setValidatorCompiler(createValidatorCompiler());
  app.decorate('tokens', options.tokens);
  let isClosing = false;
  app.addHook('preClose', async () => {
    isClosing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers['x-correlation-id'];
    const correlationId = typeof header === 'string' && safeId.test(header) ? header : request.id;
    executionContext.enter({ requestId: request.id, correlationId });
    reply.headers(securityHeaders);
    reply.header('x-request-id', request.id);
    reply.header('x-correlation-id', correlationId);
    if (isClosing) {
      reply.header('connection', 'close');
      throw new AppError('SERVER.SHUTTING_DOWN');
    }
  });
  app.addHook('preValidation', async (request) => {
    const parts = [
      [request.params, 'params'],
      [request.query, 'querystring'],
      [request.body, 'body'],
    ] as const;
    for (const [value, name] of parts) {
      const field = findUnstorableText(value, name);
      if (field) {
        const message = 'contains a NUL character or an unpaired surrogate';
        throw new AppError('REQUEST.VALIDATION_FAILED', `${field} ${message}`, {
          errors: [{ field, message }],
        });
      }
    }
  });
  useProblemDetails(app);
  useJsonBodies(app);
  return app;
}
