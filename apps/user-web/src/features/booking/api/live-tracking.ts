import { channels, type LiveTracking, type TrackingUpdate, trackingRoutes } from '@zefy/contracts';
import { type ApiError, applyLiveUpdate, toApiError } from '@zefy/web-kit';
import { useEffect, useState } from 'react';
import { api, realtime } from '../../../lib/api-client.ts';

export type Punctuality = 'on_time' | 'late' | 'early';

/** The booking's live tracking as shown: the server's view, then every pushed update applied to it. */
export interface TrackingState extends LiveTracking {
  punctuality: Punctuality;
  /** How far the ETA is from the promise, in seconds (positive: late). */
  deviationSeconds: number;
}

/** The tracking service calls an arrival late or early only past 5 minutes off the promise. */
const punctualityToleranceSeconds = 5 * 60;

/** Late or early judged from the promise and the ETA, until the server pushes its own judgement. */
export function fromServer(tracking: LiveTracking): TrackingState {
  const deviationSeconds =
    tracking.eta && tracking.promisedArrivalAt
      ? Math.round(
          (Date.parse(tracking.eta.estimatedArrivalAt) - Date.parse(tracking.promisedArrivalAt)) / 1000,
        )
      : 0;
  const punctuality: Punctuality =
    deviationSeconds > punctualityToleranceSeconds
      ? 'late'
      : deviationSeconds < -punctualityToleranceSeconds
        ? 'early'
        : 'on_time';
  return { ...tracking, punctuality, deviationSeconds };
}

/** One pushed update applied to what is shown; updates of other bookings leave it as it is. */
export function applyTrackingUpdate(state: TrackingState, update: TrackingUpdate): TrackingState {
  if (update.kind === 'punctuality' && update.bookingId === state.bookingId)
    return { ...state, punctuality: update.punctuality, deviationSeconds: update.deviationSeconds };
  return applyLiveUpdate(state, update);
}

export type TrackingResult =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'success'; data: TrackingState };

/**
 * Where the partner is and when they will be there, live: the server's view, then the updates pushed on
 * the booking's channel; every (re)subscription fetches it again, so nothing missed while offline stays
 * missed. `phase` changes (assigned → en route → arrived) fetch it again too.
 */
export function useLiveTracking(bookingId: string, phase: string): TrackingResult {
  const [state, setState] = useState<TrackingResult>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: phase and version are the triggers to fetch again
  useEffect(() => {
    const controller = new AbortController();
    api.call(trackingRoutes.getTracking, { params: { bookingId } }, { signal: controller.signal }).then(
      (tracking) => {
        if (!controller.signal.aborted) setState({ status: 'success', data: fromServer(tracking) });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [bookingId, phase, version]);

  useEffect(() => {
    realtime.connect();
    return realtime.subscribe(channels.booking(bookingId), {
      onTracking: (update) =>
        setState((current) =>
          current.status === 'success'
            ? { status: 'success', data: applyTrackingUpdate(current.data, update) }
            : current,
        ),
      // a snapshot carries the tracking as it stands: shown at once, no fetch needed
      onResync: (snapshot) =>
        snapshot.tracking
          ? setState({ status: 'success', data: fromServer(snapshot.tracking) })
          : setVersion((n) => n + 1),
      onSubscribed: () => setVersion((n) => n + 1),
    });
  }, [bookingId]);

  return state;
}
