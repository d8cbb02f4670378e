import { catalogErrors } from './errors/catalog.ts';
import { paymentsErrors } from './errors/payments.ts';
import { platformErrors } from './errors/platform.ts';

/**
 * Every error the API can answer with, by stable code `AREA.REASON`, one file per area. The problem+json
 * `type` is derived from the code, so clients can branch on it; titles are for people.
 */
export const errorCatalog = { ...platformErrors, ...catalogErrors, ...paymentsErrors } as const;

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
