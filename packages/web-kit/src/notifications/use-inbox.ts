import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { type ApiError, toApiError } from '../api/api-error.ts';
import type { RealtimeSocket } from '../realtime/realtime-socket.ts';
import { emptyInbox, evolveInbox, type InboxState, inboxApi } from './inbox.ts';

export interface InboxSource {
  api: ApiClient;
  realtime: RealtimeSocket;
  /** `channels.user(id)` for a customer, `channels.partner(id)` for a partner. */
  channel: string;
}

/**
 * The signed-in principal's inbox, kept live: loaded over REST, extended by `notification` messages on the
 * principal's channel, and reloaded after every (re)subscription so nothing sent while offline is missed.
 */
export function useInbox({ api, realtime, channel }: InboxSource): Inbox {
  const calls = useMemo(() => inboxApi(api), [api]);
  const [state, dispatch] = useReducer(evolveInbox, emptyInbox);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(
    (signal?: AbortSignal) =>
      calls.list({ signal }).then(
        (page) => {
          dispatch({ type: 'loaded', page });
          setStatus('ready');
          setError(null);
        },
        (failure: unknown) => {
          if (signal?.aborted) return;
          setError(toApiError(failure));
          setStatus((current) => (current === 'ready' ? current : 'error'));
        },
      ),
    [calls],
  );

  useEffect(() => {
    const controller = new AbortController();
    void reload(controller.signal);
    const unsubscribe = realtime.subscribe(channel, {
      onNotification: (notification) => dispatch({ type: 'received', notification }),
      onSubscribed: () => void reload(controller.signal),
    });
    return () => {
      controller.abort();
      unsubscribe();
    };
  }, [realtime, channel, reload]);

  const run = useCallback(async (action: () => Promise<void>) => {
    try {
      await action();
      setError(null);
    } catch (failure) {
      setError(toApiError(failure));
    }
  }, []);

  return {
    ...state,
    status,
    error,
    reload: () => void reload(),
    markRead: (id: string) =>
      run(async () => {
        const { notification, unreadCount } = await calls.markRead(id);
        dispatch({ type: 'read', notification, unreadCount });
      }),
    markAllRead: () =>
      run(async () => {
        const { unreadCount } = await calls.markAllRead();
        dispatch({ type: 'all_read', unreadCount, at: new Date().toISOString() });
      }),
    loadOlder: () =>
      run(async () => {
        const page = await calls.list({ before: state.nextCursor });
        dispatch({ type: 'loaded_older', page });
      }),
  };
}

/** A live inbox: its entries and unread count, how loading went, and what can be done with it. */
export interface Inbox extends InboxState {
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  reload(): void;
  markRead(id: string): Promise<void>;
  markAllRead(): Promise<void>;
  loadOlder(): Promise<void>;
}
