import { AppError } from '@zefy/platform';
import { normalizePhone } from './phone.ts';

/** The E.164 form of a phone number from a request, or IDENTITY.PHONE_INVALID saying what is wrong. */
export function requirePhone(input: string, field = 'phone'): string {
  const checked = normalizePhone(input);
  if (checked.ok) return checked.phone;
  throw new AppError('IDENTITY.PHONE_INVALID', checked.reason, {
    errors: [{ field: `body.${field}`, message: checked.reason }],
  });
}
