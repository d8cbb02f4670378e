import { TextField } from '@zefy/web-kit';
import { useState } from 'react';

/**
 * The reason an audited action asks for: its text, the error shown when it is missing, and `take`, which
 * answers the trimmed reason or, when there is none, shows `whenMissing` on the field and answers null.
 */
export function useReason(whenMissing: string) {
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
    take: (): string | null => {
      const reason = value.trim();
      if (!reason) setError(whenMissing);
      return reason || null;
    },
    clear: () => setValue(''),
  };
}

export type ReasonState = ReturnType<typeof useReason>['field'];

/** The field of an audited action's reason: required, at most 300 characters, kept with the admin's name. */
export function ReasonField({ label, reason }: { label: string; reason: ReasonState }) {
  return (
    <TextField
      label={label}
      hint="Kept in the audit log with your name"
      value={reason.value}
      maxLength={300}
      error={reason.error ?? undefined}
      onChange={(event) => reason.onChange(event.target.value)}
    />
  );
}
