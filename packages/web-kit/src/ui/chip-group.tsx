import type { ReactNode } from 'react';
import { FieldNotes, type FieldProps, useFieldIds } from './field.tsx';

export interface ChipOption {
  value: string;
  label: ReactNode;
  disabled?: boolean;
}

export interface ChipGroupProps extends FieldProps {
  /** The radio group's name: one choice per name on the page. */
  name: string;
  options: readonly ChipOption[];
  /** The chosen option's value; null when none is chosen yet. */
  value: string | null;
  onChange: (value: string) => void;
  onInput?: () => void;
  /** Shown in place of the chips when there are none ("No free slots this day"). */
  empty?: ReactNode;
  'data-testid'?: string;
}

/**
 * One choice out of a few (a day, a time slot, an address label) as chips: radio buttons, so the keyboard
 * and screen readers know them, with the chosen one filled in the brand colour.
 */
export function ChipGroup({
  label,
  hint,
  error,
  name,
  options,
  value,
  onChange,
  onInput,
  empty,
  'data-testid': testId,
}: ChipGroupProps) {
  const { hintId, errorId, control } = useFieldIds(undefined, { hint, error });
  return (
    <fieldset className="zf-field" aria-describedby={control['aria-describedby']} data-testid={testId}>
      <legend className="zf-field__label">{label}</legend>
      <div className="zf-chips" aria-invalid={control['aria-invalid']}>
        {options.length === 0 && empty ? <span className="zf-muted">{empty}</span> : null}
        {options.map((option) => (
          <label key={option.value} className="zf-chip-option">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              disabled={option.disabled}
              onChange={() => {
                onInput?.();
                onChange(option.value);
              }}
            />
            <span className="zf-chip">{option.label}</span>
          </label>
        ))}
      </div>
      <FieldNotes hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </fieldset>
  );
}
