import { type InputHTMLAttributes, useId } from 'react';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: string;
}

export function TextField({ label, hint, id, className, ...rest }: TextFieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className="zf-field">
      <label className="zf-field__label" htmlFor={inputId}>
        {label}
      </label>
      <input id={inputId} className={['zf-input', className].filter(Boolean).join(' ')} {...rest} />
      {hint ? <span className="zf-muted">{hint}</span> : null}
    </div>
  );
}
