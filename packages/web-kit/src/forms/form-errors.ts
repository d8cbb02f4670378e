import type { FieldError } from '@zefy/contracts';
import { toApiError } from '../api/api-error.ts';

/** What a form shows after a failed submit: a message per field, in plain words, and one for the form. */
export interface FormErrors {
  /** For the whole form; null when there is nothing to say beyond the fields' own messages. */
  form: string | null;
  /** By the form's field name. */
  fields: Readonly<Record<string, string>>;
}

export const noFormErrors: FormErrors = { form: null, fields: {} };

export interface FormErrorOptions {
  /** The fields the form shows; a problem with any other field is told in the form's message. */
  fields: readonly string[];
  /**
   * Request paths that are not the field's own name (`extraCharge.blockMinutes` → `blockMinutes`). Paths
   * are compared without their part (`body.`, `querystring.`) and array indexes (`skills.0` is `skills`).
   */
  paths?: Readonly<Record<string, string>>;
  /** A field's message whatever the server said about it (for a rule the form can say better). */
  messages?: Readonly<Record<string, string>>;
}

const formats: Record<string, string> = {
  uuid: 'Choose one from the list',
  email: 'Enter an email address like name@example.com',
  uri: 'Enter a full web address, starting with https://',
  date: 'Enter a date',
  'date-time': 'Enter a date and time',
  time: 'Enter a time',
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** A field problem in words a person understands, never a request path or a schema keyword. */
export function describeFieldError(error: FieldError): string {
  const limit = error.limit ?? 0;
  switch (error.rule) {
    case 'required':
      return 'This is required';
    case 'minLength':
      return limit <= 1 ? 'This is required' : `Use at least ${plural(limit, 'character')}`;
    case 'maxLength':
      return `Use at most ${plural(limit, 'character')}`;
    case 'minItems':
      return limit <= 1 ? 'Choose at least one' : `Choose at least ${limit}`;
    case 'maxItems':
      return `Choose at most ${limit}`;
    case 'minimum':
      return `Enter ${limit} or more`;
    case 'exclusiveMinimum':
      return `Enter more than ${limit}`;
    case 'maximum':
      return `Enter ${limit} or less`;
    case 'exclusiveMaximum':
      return `Enter less than ${limit}`;
    case 'format':
      return formats[error.format ?? ''] ?? 'This is not in the expected form';
    case 'pattern':
    case 'type':
      return 'This is not in the expected form';
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return 'Choose one of the options';
    case 'uniqueItems':
      return 'Each choice may be made only once';
    default: {
      // a rule of the service's own: its message is written for people, only the path is internal
      const text = error.message.trim();
      return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'This is not valid';
    }
  }
}

/** `body.skills.0` → `skills`; `querystring.q` → `q`. */
const pathOf = (field: string) =>
  field
    .replace(/^(body|querystring|params|headers)\.?/, '')
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((segment) => segment !== '' && !/^\d+$/.test(segment))
    .join('.');

/** `extraCharge.blockMinutes` → "Block minutes", for problems with a field the form does not show. */
const labelOf = (path: string) => {
  const last = path.split('.').pop() ?? path;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'A field';
};

/** For messages a server may write with request paths in them: never shown to people. */
const hasInternalPath = (text: string) => /\b(body|querystring|params|headers)[.[]/.test(text);

/**
 * What to show for a failed API call: the problem's field errors on the form's fields, in plain words, and
 * where they do not say it all a message for the form (the problem's title, which is written for people; a
 * word about the connection, the server or the session). Problem details and request paths stay for developers.
 */
export function toFormErrors(caught: unknown, options: FormErrorOptions): FormErrors {
  const error = toApiError(caught);
  const fields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const fieldError of error.errors) {
    const path = pathOf(fieldError.field);
    const name = options.paths?.[path] ?? path;
    if (options.fields.includes(name)) {
      fields[name] ??= options.messages?.[name] ?? describeFieldError(fieldError);
    } else if (fieldError.rule !== 'additionalProperties') {
      elsewhere.push(`${labelOf(path)}: ${describeFieldError(fieldError)}`);
    }
  }
  return { form: formMessage(error, Object.keys(fields).length > 0, elsewhere), fields };
}

function formMessage(
  error: ReturnType<typeof toApiError>,
  hasFieldMessages: boolean,
  elsewhere: readonly string[],
): string | null {
  if (error.status === 0) return 'Could not reach Zefy. Check your connection and try again.';
  if (error.status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  if (error.code === 'AUTH.UNAUTHENTICATED') return 'Your session has ended. Log in again.';
  if (error.code === 'AUTH.FORBIDDEN') return 'Your account may not do this.';
  if (elsewhere.length > 0) return elsewhere.join('. ');
  // every problem is on its field: a title on top would only repeat it, in the API's words
  if (hasFieldMessages) return null;
  if (error.code === 'REQUEST.VALIDATION_FAILED') return 'Some of this is not valid. Check it and try again.';
  return error.title;
}

/** A failed load in plain words: the problem's title, and its detail when it has no request path in it. */
export function describeError(caught: unknown): { title: string; detail: string | null } {
  const error = toApiError(caught);
  if (error.status === 0)
    return { title: 'Could not reach Zefy', detail: 'Check your connection and try again.' };
  const detail = error.detail && !hasInternalPath(error.detail) ? error.detail : null;
  return { title: error.title, detail };
}
