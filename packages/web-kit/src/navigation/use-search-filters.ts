import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A screen's filters in its URL (`?status=confirmed&hub=…`), so a reload or a shared link shows the same
 * list. Changing a filter replaces the history entry: the back button leaves the screen, not the filter.
 */
export function useSearchFilters<Key extends string>(
  keys: readonly Key[],
): [Partial<Record<Key, string>>, (patch: Partial<Record<Key, string | undefined>>) => void] {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const found: Partial<Record<Key, string>> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value) found[key] = value;
    }
    return found;
  }, [params, keys]);
  const update = useCallback(
    (patch: Partial<Record<Key, string | undefined>>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch) as Array<[Key, string | undefined]>) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [values, update];
}
