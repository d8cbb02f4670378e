import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from './api-error.ts';

export type QueryState<TData> =
  | { status: 'loading' }
  | { status: 'success'; data: TData }
  | { status: 'error'; error: ApiError };

export type QueryResult<TData> = QueryState<TData> & { reload: () => void };

/**
 * Loads data when `key` changes (or on `reload()`), aborting the previous request; a deliberately small
 * stand-in for a query library until screens need caching or sharing between components.
 */
export function useQuery<TData>(
  key: string,
  load: (signal: AbortSignal) => Promise<TData>,
): QueryResult<TData> {
  const [state, setState] = useState<QueryState<TData>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);

  useEffect(() => {
    loadRef.current = load;
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and attempt are the triggers; load is read through a ref so an inline function does not refetch on every render
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
