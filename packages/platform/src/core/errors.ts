import { type ErrorCode, errorCatalog, type Problem, problemType } from '@zefy/contracts';

/** The one error class domain and service code throws; the HTTP layer turns it into problem+json. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: Pick<Problem, 'errors'> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }

  toProblem(instance?: string): Problem {
    const { status, title } = errorCatalog[this.code];
    return {
      type: problemType(this.code),
      title,
      status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }
}
