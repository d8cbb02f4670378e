import { FieldNotes, type FieldProps, useFieldIds } from './field.tsx';

export interface Choice {
  value: string;
  label: string;
  /** Choices are listed under their group's heading, in the order given. */
  group?: string;
}

export interface ChoiceListProps extends FieldProps {
  name?: string;
  choices: readonly Choice[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  onInput?: () => void;
}

/** Several choices out of a list (a partner's skills): checkboxes in a fieldset, grouped, scrolling when long. */
export function ChoiceList({ label, hint, error, name, choices, value, onChange, onInput }: ChoiceListProps) {
  const { hintId, errorId, control } = useFieldIds(undefined, { hint, error });
  const toggle = (choice: string, isChecked: boolean) => {
    onInput?.();
    onChange(isChecked ? [...value, choice] : value.filter((v) => v !== choice));
  };
  let group: string | undefined;
  return (
    <fieldset className="zf-field" aria-describedby={control['aria-describedby']} data-testid={name}>
      <legend className="zf-field__label">{label}</legend>
      <div className="zf-choices" aria-invalid={control['aria-invalid']}>
        {choices.flatMap((choice) => {
          const heading =
            choice.group !== undefined && choice.group !== group ? (
              <span key={`group:${choice.group}`} className="zf-choices__group" aria-hidden="true">
                {choice.group}
              </span>
            ) : null;
          group = choice.group;
          const item = (
            <label key={choice.value} className="zf-check">
              <input
                type="checkbox"
                name={name}
                value={choice.value}
                checked={value.includes(choice.value)}
                onChange={(event) => toggle(choice.value, event.target.checked)}
              />
              {choice.label}
            </label>
          );
          return heading ? [heading, item] : [item];
        })}
      </div>
      <FieldNotes hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </fieldset>
  );
}
