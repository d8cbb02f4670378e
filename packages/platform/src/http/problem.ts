import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode, FieldError } from '@zefy/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import { isTransientConflict } from '../db/database.ts';
import { securityHeaders } from './security-headers.ts';

const frameworkErrors: Record<string, ErrorCode> = {
  FST_ERR_BAD_URL: 'REQUEST.MALFORMED',
  FST_ERR_MAX_PARAM_LENGTH: 'REQUEST.URI_TOO_LONG',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.MALFORMED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.MALFORMED',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'REQUEST.RATE_LIMITED',
};

/** Maps anything thrown to an AppError; unknown errors become INTERNAL.ERROR without leaking details. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isTransientConflict(error))
    return new AppError('SERVER.BUSY', 'The request collided with others at the database; retry it');
  const fastifyError = error as Partial<FastifyError> & {
    validation?: Array<{
      keyword?: string;
      instancePath: string;
      message?: string;
      params?: Record<string, unknown>;
    }>;
  };
  if (fastifyError.validation) {
    const errors = fastifyError.validation.map((issue): FieldError => {
      const missing = issue.params?.missingProperty;
      const extra = issue.params?.additionalProperty;
      const base = `${fastifyError.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`;
      const field = missing ? `${base}.${String(missing)}` : extra ? `${base}.${String(extra)}` : base;
      const { limit, format } = issue.params ?? {};
      return {
        field,
        message: extra ? 'is not an accepted field' : (issue.message ?? 'is invalid'),
        ...(issue.keyword ? { rule: issue.keyword } : {}),
        ...(typeof limit === 'number' ? { limit } : {}),
        ...(typeof format === 'string' ? { format } : {}),
      };
    });
    return new AppError(
      'REQUEST.VALIDATION_FAILED',
      errors.map((e) => `${e.field} ${e.message}`).join('; '),
      { errors },
    );
  }
  if (fastifyError instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new AppError('REQUEST.MALFORMED', 'The body is not valid JSON');
  }
  const mapped = fastifyError.code ? frameworkErrors[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped, fastifyError.message);
  if (fastifyError.statusCode === 404) return new AppError('REQUEST.NOT_FOUND');
  if (fastifyError.statusCode === 429) return new AppError('REQUEST.RATE_LIMITED', fastifyError.message);
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError('REQUEST.MALFORMED', fastifyError.message);
  }
  return new AppError('INTERNAL.ERROR');
}

const instanceOf = (request: FastifyRequest) => request.url.split('?')[0];

/** Refusals that pass with time: the client is told when to try again. */
const retryAfterSeconds: Partial<Record<ErrorCode, number>> = { 'SERVER.BUSY': 1 };

function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError, instance?: string) {
  const problem = error.toProblem(instance);
  const retryAfter = retryAfterSeconds[error.code];
  return reply
    .code(problem.status)
    .headers({
      ...securityHeaders,
      'x-request-id': request.id,
      ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
    })
    .type('application/problem+json')
    .send(problem);
}

/**
 * For Fastify's `frameworkErrors`: the router's own refusals (a path that is not valid percent-encoded UTF-8,
 * an over-long path parameter), answered before any hook or error handler runs.
 */
export function sendFrameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  request.log.info({ code: appError.code }, 'request rejected by the router');
  return sendProblem(request, reply, appError);
}

/**
 * For Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (malformed, headers too large, too
 * slow) gets problem+json on the raw socket, since there is no request to reply to.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const appError = new AppError(
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 'REQUEST.TIMEOUT'
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? 'REQUEST.HEADERS_TOO_LARGE'
        : 'REQUEST.MALFORMED',
  );
  const body = JSON.stringify(appError.toProblem());
  const headers = Object.entries({
    ...securityHeaders,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status]}\r\n${headers.join('')}\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Every error response is RFC 9457 problem+json with a stable `type` and `code`, and the security headers. */
export function useProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, detail: appError.detail }, 'request rejected');
    return sendProblem(request, reply, appError, instanceOf(request));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new AppError('REQUEST.NOT_FOUND', `${request.method} ${instanceOf(request)} does not exist`),
    ),
  );
}
