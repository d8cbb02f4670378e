import type { EventEnvelope } from '@zefy/contracts';
import { type ApiError, toApiError } from '@zefy/web-kit';
import { useCallback, useEffect, useRef, useState } from 'react';
import { realtime } from '../../../lib/realtime.ts';

export type LiveState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; data: T; isRefreshing: boolean };

/**
 * Loads `load` when `key` changes, and again whenever a booking event reaches the `admin` channel that
 * `isRelevant` accepts (and after every reconnect, which may have missed some). The previous data stays on
 * screen while it refreshes, so live updates do not flash a spinner.
 */
export function useLiveBookings<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  isRelevant: (event: EventEnvelope) => boolean,
): LiveState<T> & { reload: () => void } {
  const [state, setState] = useState<LiveState<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const loadRef = useRef(load);
  const relevantRef = useRef(isRelevant);
  useEffect(() => {
    loadRef.current = load;
    relevantRef.current = isRelevant;
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and version are the triggers; load is read through a ref
  useEffect(() => {
    const controller = new AbortController();
    setState((current) =>
      current.status === 'success' ? { ...current, isRefreshing: true } : { status: 'loading' },
    );
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data, isRefreshing: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [key, version]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a burst of events (a sweep expiring many holds) refreshes once
    const refreshSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setVersion((n) => n + 1), 150);
    };
    realtime.connect();
    const unsubscribe = realtime.subscribe('admin', {
      onEvent: (event) => {
        if (event.type.startsWith('booking.') && relevantRef.current(event)) refreshSoon();
      },
      onSubscribed: refreshSoon,
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { ...state, reload };
}
