import { type ReactNode, useId } from 'react';

/** What every form field shows around its control: a label, a hint, and its error in plain words. */
export interface FieldProps {
  label: string;
  hint?: ReactNode;
  /** From `useApiForm().field(name)` or a check of the form's own; shown under the control. */
  error?: string;
}

/** The attributes that tie a control to its label, hint and error, and mark it invalid. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Ids tying a control to its hint and error (`aria-describedby`), and the attributes that mark it invalid. */
export function useFieldIds(id: string | undefined, { hint, error }: Pick<FieldProps, 'hint' | 'error'>) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const control: ControlProps = {
    id: controlId,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
  };
  return { hintId, errorId, control };
}

export function FieldNotes({
  hint,
  error,
  hintId,
  errorId,
}: Pick<FieldProps, 'hint' | 'error'> & { hintId?: string; errorId?: string }) {
  return (
    <>
      {error ? (
        <span className="zf-field__error" id={errorId} data-testid="field-error">
          {error}
        </span>
      ) : null}
      {hint ? (
        <span className="zf-field__hint" id={hintId}>
          {hint}
        </span>
      ) : null}
    </>
  );
}

/** A labelled control with its notes: `children` renders the control with the attributes it is given. */
export function Field({
  label,
  hint,
  error,
  id,
  children,
}: FieldProps & { id?: string; children: (control: ControlProps) => ReactNode }) {
  const { hintId, errorId, control } = useFieldIds(id, { hint, error });
  return (
    <div className="zf-field">
      <label className="zf-field__label" htmlFor={control.id}>
        {label}
      </label>
      {children(control)}
      <FieldNotes hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}
