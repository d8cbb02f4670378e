import type { RealtimeEvent } from '@zefy/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error.ts';
import type { RealtimeSocket } from './realtime-socket.ts';

export type LiveState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; data: T; isRefreshing: boolean };

export type LiveQueryResult<T> = LiveState<T> & { reload: () => void };

/**
 * Where the changes come from: the app's socket and a channel, the principal's (`channels.user(id)`) or a
 * booking's (`channels.booking(id)`, whose every state change is relevant).
 */
export interface LiveSource {
  realtime: RealtimeSocket;
  channel: string;
}

/**
 * Loads `load` when `key` changes, and again whenever an event on the channel passes `isRelevant` or a
 * booking channel's state changes (and
 * after every reconnect, which may have missed some). The previous data stays on screen while it
 * refreshes, so live updates do not flash a spinner.
 */
export function useLiveQuery<T>(
  { realtime, channel }: LiveSource,
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  isRelevant: (event: RealtimeEvent) => boolean,
): LiveQueryResult<T> {
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
    const unsubscribe = realtime.subscribe(channel, {
      onEvent: (event) => {
        if (relevantRef.current(event)) refreshSoon();
      },
      onChange: refreshSoon,
      onResync: refreshSoon,
      onSubscribed: refreshSoon,
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [realtime, channel]);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { ...state, reload };
}
