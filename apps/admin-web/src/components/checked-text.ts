import { useState } from 'react';

/**
 * A text field's state whose value is checked on submit: its text, the error shown until the next edit, and
 * `fail`, which shows why the value was refused.
 */
export function useCheckedText() {
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
    fail: (why: string): null => {
      setError(why);
      return null;
    },
    clear: () => setValue(''),
  };
}

export type CheckedTextState = ReturnType<typeof useCheckedText>['field'];
