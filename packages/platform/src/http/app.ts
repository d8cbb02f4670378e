import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { executionContext } from '../context.ts';
import { AppError } from '../core/errors.ts';
import { schemasCompiledOnFirstUse } from './compile-on-first-use.ts';
import { answerClientError, sendFrameworkProblem, useProblemDetails } from './problem.ts';
import { useJsonBodies } from './raw-body.ts';
import { securityHeaders } from './security-headers.ts';
import { findUnstorableText } from './text-input.ts';
import type { TokenService } from './tokens.ts';
import { createValidatorCompiler } from './validation.ts';

const safeId = /^[A-Za-z0-9._:-]{1,128}$/;
const idFrom = (header: string | string[] | undefined): string | undefined =>
  typeof header === 'string' && safeId.test(header) ? header : undefined;

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenService;
  }
}

function unstorableTextError(request: FastifyRequest): AppError | undefined {
  const parts = [
    [request.params, 'params'],
    [request.query, 'querystring'],
    [request.body, 'body'],
  ] as const;
  for (const [value, name] of parts) {
    const field = findUnstorableText(value, name);
    if (field) {
      const message = 'contains a NUL character or an unpaired surrogate';
      return new AppError('REQUEST.VALIDATION_FAILED', `${field} ${message}`, {
        errors: [{ field, message }],
      });
    }
  }
  return undefined;
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
    // a request id only has to be unique: node's pooled random UUIDs cost far less than a UUIDv7 each
    genReqId: (request) => idFrom(request.headers['x-request-id']) ?? randomUUID(),
    // The first per-request callback, before Fastify's own "incoming request" line: the request's ids are
    // entered here and every line takes them from the context (the logger's mixin), so no child logger is
    // made per request.
    childLoggerFactory: (logger, bindings, _options, rawRequest) => {
      const requestId = String(bindings.reqId);
      const correlationId = idFrom(rawRequest.headers['x-correlation-id']) ?? requestId;
      executionContext.enter({ requestId, correlationId });
      return logger;
    },
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
  // callback hooks, not async ones: they run on every request, and a promise per hook adds up
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders);
    reply.header('x-request-id', request.id);
    reply.header('x-correlation-id', executionContext.current()?.correlationId ?? request.id);
    if (isClosing) {
      reply.header('connection', 'close');
      done(new AppError('SERVER.SHUTTING_DOWN'));
      return;
    }
    done();
  });
  app.addHook('preValidation', (request, _reply, done) => {
    done(unstorableTextError(request));
  });
  useProblemDetails(app);
  useJsonBodies(app);
  return app;
}
