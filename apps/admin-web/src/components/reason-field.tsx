import { TextField } from '@zefy/web-kit';
import { type CheckedTextState, useCheckedText } from './checked-text.ts';

/**
 * The reason an audited action asks for: `take` answers the trimmed reason or, when there is none, shows
 * `whenMissing` on the field and answers null.
 */
export function useReason(whenMissing: string) {
  const text = useCheckedText();
  return {
    field: text.field,
    take: (): string | null => text.field.value.trim() || text.fail(whenMissing),
    clear: text.clear,
  };
}

export type ReasonState = CheckedTextState;

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
