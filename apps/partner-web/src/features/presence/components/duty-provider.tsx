import type { PresenceView } from '@zefy/contracts';
import { type ApiError, describeError } from '@zefy/web-kit';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { currentPosition, describeLocationProblem, LocationError } from '../api/position.ts';
import { putPresence, usePresence } from '../api/presence.ts';

/** What went wrong going on or off duty, or with a heartbeat, in words for the partner. */
export interface DutyProblem {
  title: string;
  detail: string | null;
}

export interface Duty {
  status: 'loading' | 'ready' | 'error';
  /** Why the duty state could not be loaded (a partner not approved yet cannot go on duty). */
  loadError: ApiError | null;
  presence: PresenceView | null;
  isOnDuty: boolean;
  /** Going on or off duty: the switch waits for the answer. */
  isBusy: boolean;
  problem: DutyProblem | null;
  setOnDuty(isOnDuty: boolean): void;
  reload(): void;
}

const DutyContext = createContext<Duty | null>(null);

/** The partner's duty state, held by the app's layout: the home screen's switch and the header read it. */
export function useDuty(): Duty {
  const duty = useContext(DutyContext);
  if (!duty) throw new Error('useDuty needs a DutyProvider (the signed-in layout)');
  return duty;
}

const describeProblem = (error: unknown): DutyProblem =>
  error instanceof LocationError ? describeLocationProblem(error.problem) : describeError(error);

/**
 * On duty means customers nearby can be promised the partner now. While on duty the app sends its position
 * well within the freshness window, whatever screen is open, so a closed app drops off duty by itself.
 * Calls go one at a time, in order: a heartbeat never lands after "off duty" and turns it back on.
 */
export function DutyProvider({ children }: { children: ReactNode }) {
  const initial = usePresence();
  const [latest, setLatest] = useState<PresenceView | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<DutyProblem | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const wantsOnDuty = useRef<boolean | null>(null);

  const presence = latest ?? (initial.status === 'success' ? initial.data : null);
  const isOnDuty = presence?.online ?? false;
  const heartbeatMs = ((presence?.freshForSeconds ?? 60) * 1000) / 3;

  const enqueue = useCallback((task: () => Promise<void>) => {
    const run = queue.current.then(task);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);

  const send = useCallback(async (online: boolean) => {
    setLatest(await putPresence(online ? { online, ...(await currentPosition()) } : { online }));
    setProblem(null);
  }, []);

  const setOnDuty = useCallback(
    (online: boolean) => {
      wantsOnDuty.current = online;
      setBusy(true);
      setProblem(null);
      enqueue(() => send(online)).then(
        () => setBusy(false),
        (error: unknown) => {
          setProblem(describeProblem(error));
          setBusy(false);
        },
      );
    },
    [enqueue, send],
  );

  useEffect(() => {
    if (!isOnDuty) return;
    const timer = setInterval(() => {
      enqueue(() => (wantsOnDuty.current === false ? Promise.resolve() : send(true))).catch((error) =>
        setProblem(describeProblem(error)),
      );
    }, heartbeatMs);
    return () => clearInterval(timer);
  }, [isOnDuty, heartbeatMs, enqueue, send]);

  const duty: Duty = {
    status: initial.status === 'success' ? 'ready' : initial.status,
    loadError: initial.status === 'error' ? initial.error : null,
    presence,
    isOnDuty,
    isBusy,
    problem,
    setOnDuty,
    reload: initial.reload,
  };
  return <DutyContext.Provider value={duty}>{children}</DutyContext.Provider>;
}
