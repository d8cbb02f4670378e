import type { TextareaHTMLAttributes } from 'react';
import { Field, type FieldProps } from './field.tsx';

export interface TextAreaFieldProps
  extends FieldProps,
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> {}

export function TextAreaField({ label, hint, error, id, ...rest }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id}>
      {(control) => <textarea className="zf-input" {...control} {...rest} />}
    </Field>
  );
}
