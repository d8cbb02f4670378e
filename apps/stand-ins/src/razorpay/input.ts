import { invalidInput } from './errors.ts';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function readBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw invalidInput('The request body must be a JSON object.');
  return body;
}

export function rejectUnknownFields(body: Record<string, unknown>, allowed: Set<string>): void {
  const extra = Object.keys(body).filter((key) => !allowed.has(key));
  if (extra.length > 0)
    throw invalidInput(`${extra.join(', ')} is/are not required and should not be sent`, extra[0]);
}

export function readAmount(value: unknown, field = 'amount'): number {
  if (value === undefined || value === null) throw invalidInput(`The ${field} field is required.`, field);
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidInput(`The ${field} must be an integer.`, field);
  if (value < 100) throw invalidInput(`The ${field} must be at least INR 1.00`, field);
  return value;
}

export function readNotes(value: unknown): Record<string, string> {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return {};
  if (!isRecord(value)) throw invalidInput('The notes field must be an object.', 'notes');
  const entries = Object.entries(value);
  if (entries.length > 15)
    throw invalidInput('Number of fields in notes should be less than or equal to 15', 'notes');
  return Object.fromEntries(
    entries.map(([key, note]) => {
      if (typeof note !== 'string' && typeof note !== 'number')
        throw invalidInput(`The notes.${key} must be a string.`, 'notes');
      const text = String(note);
      if (text.length > 256)
        throw invalidInput(`The notes.${key} may not be greater than 256 characters.`, 'notes');
      return [key, text];
    }),
  );
}

export function readReceipt(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidInput('The receipt must be a string.', 'receipt');
  if (value.length > 40) throw invalidInput('The receipt may not be greater than 40 characters.', 'receipt');
  return value;
}
