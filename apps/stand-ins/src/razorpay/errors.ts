import type { RazorpayErrorBody } from '@zefy/razorpay';

/** An error answered the way Razorpay answers: an HTTP status and `{"error":{…}}`. */
export class SimError extends Error {
  override name = 'SimError';
  constructor(
    readonly status: number,
    readonly description: string,
    readonly details: { code?: string; field?: string; reason?: string; step?: string; source?: string } = {},
  ) {
    super(description);
  }

  toBody(): RazorpayErrorBody {
    return {
      error: {
        code: this.details.code ?? (this.status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST_ERROR'),
        description: this.description,
        source: this.details.source ?? 'NA',
        step: this.details.step ?? 'NA',
        reason: this.details.reason ?? 'NA',
        metadata: {},
        ...(this.details.field ? { field: this.details.field } : {}),
      },
    };
  }
}

/** Razorpay's wording for a failed input check on a payment-initiation call. */
export const invalidInput = (description: string, field?: string) =>
  new SimError(400, description, {
    ...(field ? { field } : {}),
    source: 'business',
    step: 'payment_initiation',
    reason: 'input_validation_failed',
  });

export const notFound = () => invalidInput('The id provided does not exist');
