/** Google's canonical status names for the HTTP statuses its APIs answer with. */
const statusNames: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission' },
  429: { status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded for quota metric.' },
  500: { status: 'INTERNAL', message: 'Internal error encountered.' },
  503: { status: 'UNAVAILABLE', message: 'The service is currently unavailable.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'Deadline expired before operation could complete.' },
};

/** A Google API error: answered as `{error: {code, message, status, details?}}` with its HTTP status. */
export class GoogleApiError extends Error {
  readonly status: string;
  constructor(
    readonly http: number,
    message?: string,
    readonly details?: object[],
  ) {
    const known = statusNames[http] ?? { status: 'UNKNOWN', message: 'Unknown error.' };
    super(message ?? known.message);
    this.status = known.status;
  }

  toBody() {
    return {
      error: {
        code: this.http,
        message: this.message,
        status: this.status,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}
