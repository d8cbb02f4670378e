/**
 * Every error the API can answer with, by stable code `AREA.REASON`. The problem+json `type` is derived from
 * the code, so clients can branch on it; titles are for people.
 */
export const errorCatalog = {
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
  'CATALOG.SERVICE_NAME_TAKEN': { status: 409, title: 'A service with this name already exists' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalog;

/** `CATALOG.SERVICE_NAME_TAKEN` → `https://zefy.dev/problems/catalog/service-name-taken` */
export const problemType = (code: ErrorCode): string => {
  const [area = '', reason = ''] = code.toLowerCase().replaceAll('_', '-').split('.');
  return `https://zefy.dev/problems/${area}/${reason}`;
};

/** RFC 9457 problem details, with our stable `code` and field-level `errors` for validation failures. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  errors?: Array<{ field: string; message: string }>;
}
