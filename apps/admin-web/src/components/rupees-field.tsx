import { formatRupees, parseRupees } from '@zefy/rules';
import { TextField } from '@zefy/web-kit';
import { type CheckedTextState, useCheckedText } from './checked-text.ts';

/**
 * An amount typed in rupees: `take` answers it in paise or, when it is not a sum from `lowestPaise` to
 * `highestPaise`, shows why on the field and answers null.
 */
export function useRupees() {
  const text = useCheckedText();
  return {
    field: text.field,
    take: (lowestPaise: number, highestPaise: number): number | null => {
      const paise = parseRupees(text.field.value);
      if (paise === undefined || paise < lowestPaise || paise > highestPaise)
        return text.fail(`An amount from ${formatRupees(lowestPaise)} to ${formatRupees(highestPaise)}`);
      return paise;
    },
  };
}

export type RupeesState = CheckedTextState;

export function RupeesField({
  label,
  rupees,
  testId,
}: {
  label: string;
  rupees: RupeesState;
  testId: string;
}) {
  return (
    <TextField
      label={label}
      inputMode="decimal"
      value={rupees.value}
      error={rupees.error ?? undefined}
      onChange={(event) => rupees.onChange(event.target.value)}
      data-testid={testId}
    />
  );
}
