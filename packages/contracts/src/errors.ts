import { bookingErrors } from './errors/booking.ts';
import { catalogErrors } from './errors/catalog.ts';
import { identityErrors } from './errors/identity.ts';
import { locationsErrors } from './errors/locations.ts';
import { notificationErrors } from './errors/notifications.ts';
import { paymentsErrors } from './errors/payments.ts';
import { platformErrors } from './errors/platform.ts';
import { trackingErrors } from './errors/tracking.ts';

/**
 * Every error the API can answer with, by stable code `AREA.REASON`, one file per area. The problem+json
 * `type` is derived from the code, so clients can branch on it; titles are for people.
 */
export const errorCatalog = {
  ...platformErrors,
  ...catalogErrors,
  ...identityErrors,
  ...notificationErrors,
  ...locationsErrors,
  ...paymentsErrors,
  ...bookingErrors,
  ...trackingErrors,
} as const;

export type ErrorCode = keyof typeof errorCatalog;

/** `CATALOG.SERVICE_NAME_TAKEN` → `https://zefy.dev/problems/catalog/service-name-taken` */
export const problemType = (code: ErrorCode): string => {
  const [area = '', reason = ''] = code.toLowerCase().replaceAll('_', '-').split('.');
  return `https://zefy.dev/problems/${area}/${reason}`;
};

/**
 * What is wrong with one field: `field` is its path in the request (`body.skills.0`), `message` is for
 * developers. A schema failure also names the `rule` the value broke (JSON Schema's keyword: `required`,
 * `format`, `minLength`, …) with its `limit` or `format`, so an app can say it in words of its own.
 */
export interface FieldError {
  field: string;
  message: string;
  rule?: string;
  limit?: number;
  format?: string;
}

/** RFC 9457 problem details, with our stable `code` and field-level `errors` for validation failures. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldError[];
}

/** A domain rule's refusal (a refused `Decision`); `decideOrThrow` turns it into an AppError at the edge. */
export interface Rejection {
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
}
