import type { InputHTMLAttributes } from 'react';

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'children'> {
  label: string;
}

export function CheckboxField({ label, className, ...rest }: CheckboxFieldProps) {
  return (
    <label className={['zf-check', className].filter(Boolean).join(' ')}>
      <input type="checkbox" {...rest} />
      {label}
    </label>
  );
}
