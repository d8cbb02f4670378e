import type { ErrorCode } from '@zefy/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';

const frameworkErrors: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.MALFORMED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.MALFORMED',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'REQUEST.RATE_LIMITED',
};

/** Maps anything thrown to an AppError; unknown errors become INTERNAL.ERROR without leaking details. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError> & {
    validation?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }>;
  };
  if (fastifyError.validation) {
    const errors = fastifyError.validation.map((issue) => {
      const missing = issue.params?.missingProperty;
      const extra = issue.params?.additionalProperty;
      const base = `${fastifyError.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`;
      const field = missing ? `${base}.${String(missing)}` : extra ? `${base}.${String(extra)}` : base;
      return { field, message: extra ? 'is not an accepted field' : (issue.message ?? 'is invalid') };
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

/** Every error response is RFC 9457 problem+json with a stable `type` and `code`. */
export function useProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, detail: appError.detail }, 'request rejected');
    const problem = appError.toProblem(request.url.split('?')[0]);
    return reply.code(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = new AppError(
      'REQUEST.NOT_FOUND',
      `${request.method} ${request.url.split('?')[0]} does not exist`,
    ).toProblem();
    return reply.code(404).type('application/problem+json').send(problem);
  });
}
