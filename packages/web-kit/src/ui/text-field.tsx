import type { InputHTMLAttributes } from 'react';
import { Field, type FieldProps } from './field.tsx';

export interface TextFieldProps extends FieldProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> {}

export function TextField({ label, hint, error, id, className, ...rest }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} id={id}>
      {(control) => (
        <input className={['zf-input', className].filter(Boolean).join(' ')} {...control} {...rest} />
      )}
    </Field>
  );
}
