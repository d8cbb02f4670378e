import type { ErrorDefinitions } from './definitions.ts';

/** Errors any route can answer with. */
export const platformErrors = {
  'REQUEST.VALIDATION_FAILED': { status: 400, title: 'The request is not valid' },
  'REQUEST.MALFORMED': { status: 400, title: 'The request body could not be read' },
  'REQUEST.TOO_LARGE': { status: 413, title: 'The request body is too large' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': { status: 415, title: 'Unsupported content type' },
  'REQUEST.NOT_FOUND': { status: 404, title: 'No such resource' },
  'REQUEST.METHOD_NOT_ALLOWED': { status: 405, title: 'Method not allowed' },
  'REQUEST.RATE_LIMITED': { status: 429, title: 'Too many requests' },
  'AUTH.UNAUTHENTICATED': { status: 401, title: 'Authentication required' },
  'AUTH.FORBIDDEN': { status: 403, title: 'Not allowed' },
  'IDEMPOTENCY.KEY_MISSING': { status: 400, title: 'Idempotency-Key header required' },
  'IDEMPOTENCY.KEY_INVALID': { status: 400, title: 'Idempotency-Key header is not valid' },
  'IDEMPOTENCY.KEY_REUSED': { status: 422, title: 'Idempotency-Key already used with a different request' },
  'IDEMPOTENCY.IN_PROGRESS': {
    status: 409,
    title: 'A request with this Idempotency-Key is still in progress',
  },
  'UPSTREAM.UNAVAILABLE': { status: 503, title: 'A service is unavailable' },
  'INTERNAL.ERROR': { status: 500, title: 'Internal error' },
} as const satisfies ErrorDefinitions;
