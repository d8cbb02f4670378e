import type { ErrorCode, FieldError, Problem } from '@zefy/contracts';

/** A failed API call, carrying the RFC 9457 problem the server answered with. Status 0 means no response. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly code: ErrorCode | undefined;
  /** What is wrong with each field of the request; `toFormErrors` words them for people. */
  readonly errors: readonly FieldError[];
  /** How long the server asked the caller to wait before trying again (429, 503), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: {
    status: number;
    type?: string;
    title: string;
    detail?: string;
    code?: ErrorCode;
    errors?: readonly FieldError[];
    retryAfterSeconds?: number;
  }) {
    super(problem.detail ?? problem.title);
    this.status = problem.status;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title;
    this.detail = problem.detail;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.retryAfterSeconds = problem.retryAfterSeconds;
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    const problem = await readProblem(response);
    return new ApiError({
      status: response.status,
      type: problem?.type,
      title: problem?.title ?? (response.statusText || `HTTP ${response.status}`),
      detail: problem?.detail,
      code: problem?.code,
      errors: Array.isArray(problem?.errors) ? problem.errors : undefined,
      retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')),
    });
  }
}

/** Retry-After in seconds (the HTTP-date form is not used by the gateway). */
function retryAfterSeconds(header: string | null): number | undefined {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

async function readProblem(response: Response): Promise<Partial<Problem> | undefined> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!/[/+]json\b/.test(contentType)) return undefined;
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Partial<Problem>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whatever was thrown, as an ApiError, so screens handle one error shape. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError({ status: 0, title: 'Network error', detail });
}
