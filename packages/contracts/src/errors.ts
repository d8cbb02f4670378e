import { bookingErrors } from './errors/booking.ts';
import { catalogErrors } from './errors/catalog.ts';
import { identityErrors } from './errors/identity.ts';
import { locationsErrors } from './errors/locations.ts';
import { notificationErrors } from './errors/notifications.ts';
import { paymentsErrors } from './errors/payments.ts';
import { platformErrors } from './errors/platform.ts';

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
} as const;

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

/** A domain rule's refusal; the service edge turns it into an AppError (domain files import no platform). */
export interface Rejection {
  code: ErrorCode;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}
export type Decided<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };
