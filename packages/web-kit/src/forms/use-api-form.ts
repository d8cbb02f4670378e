import { type FormEvent, useCallback, useState } from 'react';
import { toApiError } from '../api/api-error.ts';
import { type FormErrorOptions, type FormErrors, noFormErrors, toFormErrors } from './form-errors.ts';

export interface ApiForm {
  errors: FormErrors;
  isBusy: boolean;
  /**
   * The form's onSubmit: runs `action` once at a time and shows what the API refused on the fields.
   * `idempotencyKey` stays the same while a submission's outcome is unknown (no answer, a server error),
   * so a retry is created once; it changes once the API answered, success or refusal.
   */
  onSubmit(action: (idempotencyKey: string) => Promise<void>): (event: FormEvent) => void;
  /** Props for a field component: its name, its error, and clearing the error as the person edits it. */
  field(name: string): { name: string; error: string | undefined; onInput: () => void };
  /** Shows problems found before calling the API (a check the form makes itself). */
  fail(fields: Readonly<Record<string, string>>, form?: string): void;
}

/**
 * A form that calls the API: busy state, errors per field in plain words, a form-level message. Values stay
 * with the form's own state (controlled inputs); this holds only what goes wrong.
 */
export function useApiForm(options: FormErrorOptions): ApiForm {
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isBusy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const clearField = useCallback(
    (name: string) =>
      setErrors((current) => {
        if (!(name in current.fields)) return current;
        const { [name]: _cleared, ...rest } = current.fields;
        return { ...current, fields: rest };
      }),
    [],
  );

  return {
    errors,
    isBusy,
    onSubmit: (action) => (event) => {
      event.preventDefault();
      if (isBusy) return;
      setBusy(true);
      setErrors(noFormErrors);
      action(idempotencyKey).then(
        () => {
          setIdempotencyKey(crypto.randomUUID());
          setBusy(false);
        },
        (caught: unknown) => {
          // an answer (a refusal) ends the operation: the corrected form is another request, with its own
          // key; no answer (offline, a server error) leaves it unknown, so a retry must repeat the key
          const { status } = toApiError(caught);
          if (status !== 0 && status < 500) setIdempotencyKey(crypto.randomUUID());
          setErrors(toFormErrors(caught, options));
          setBusy(false);
        },
      );
    },
    field: (name) => ({ name, error: errors.fields[name], onInput: () => clearField(name) }),
    fail: (fields, form) => setErrors({ form: form ?? null, fields }),
  };
}
