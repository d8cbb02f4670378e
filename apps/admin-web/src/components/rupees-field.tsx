import { formatRupees, parseRupees } from '@zefy/rules';
import { TextField } from '@zefy/web-kit';
import { useState } from 'react';

/**
 * An amount typed in rupees: its text, the error shown when it is out of range, and `take`, which answers
 * it in paise or, when it is not a sum from `lowestPaise` to `highestPaise`, shows why and answers null.
 */
export function useRupees() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  return {
    field: {
      value,
      error,
      onChange: (next: string) => {
        setValue(next);
        setError(null);
      },
    },
    take: (lowestPaise: number, highestPaise: number): number | null => {
      const paise = parseRupees(value);
      if (paise === undefined || paise < lowestPaise || paise > highestPaise) {
        setError(`An amount from ${formatRupees(lowestPaise)} to ${formatRupees(highestPaise)}`);
        return null;
      }
      return paise;
    },
  };
}

export type RupeesState = ReturnType<typeof useRupees>['field'];

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
