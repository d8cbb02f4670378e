import type { ErrorDefinitions } from './definitions.ts';

/** Errors any route can answer with. */
export const platformErrors = {
  'REQUEST.VALIDATION_FAILED': { status: 400, title: 'The request is not valid' },
  'REQUEST.MALFORMED': { status: 400, title: 'The request could not be read' },
  'REQUEST.NESTED_TOO_DEEP': { status: 400, title: 'The request body is nested too deeply' },
  'REQUEST.TIMEOUT': { status: 408, title: 'The request took too long to arrive' },
  'REQUEST.TOO_LARGE': { status: 413, title: 'The request body is too large' },
  'REQUEST.URI_TOO_LONG': { status: 414, title: 'A path segment is too long' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': { status: 415, title: 'Unsupported content type' },
  'REQUEST.HEADERS_TOO_LARGE': { status: 431, title: 'The request headers are too large' },
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
  'SERVER.SHUTTING_DOWN': { status: 503, title: 'The server is shutting down; retry' },
  'SERVER.BUSY': { status: 503, title: 'The server is busy; retry' },
  'INTERNAL.ERROR': { status: 500, title: 'Internal error' },
} as const satisfies ErrorDefinitions;
