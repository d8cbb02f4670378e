import { type BookingStatus, trackingRoutes } from '@zefy/contracts';
import { toApiError } from '@zefy/web-kit';
import { useEffect, useState } from 'react';
import { api } from '../../../lib/api-client.ts';
import { type LocationProblem, locationProblemOf } from '../../presence/api/position.ts';
import {
  enqueue,
  isFinalFailure,
  nextBatch,
  type PositionQueue,
  parseQueue,
  settle,
} from '../model/position-queue.ts';

/** How often the queued fixes are sent: the tracking service samples the trail every 30 s. */
export const uploadEveryMs = 10_000;

const storageKey = (bookingId: string) => `zefy.partner.positions:${bookingId}`;

export interface UploaderState {
  queued: number;
  problem: LocationProblem | null;
}

/**
 * While the booking is `en_route` (the partner is on the way), watches the device's position and sends the fixes in
 * batches about every 10 s, oldest first. The queue lives in localStorage, so fixes taken without signal
 * (or before a reload) are sent once the phone is back online; one upload at a time. Once the job is past
 * that step, whatever is left is dropped: tracking takes positions on the way only. `status` is undefined
 * while the booking's state is not known yet (loading): nothing happens then.
 */
export function usePositionUploader(bookingId: string, status: BookingStatus | undefined): UploaderState {
  const [state, setState] = useState<UploaderState>({ queued: 0, problem: null });

  useEffect(() => {
    const key = storageKey(bookingId);
    if (status === undefined) return;
    if (status !== 'en_route') {
      localStorage.removeItem(key);
      return;
    }
    const read = () => parseQueue(localStorage.getItem(key));
    const write = (queue: PositionQueue) => {
      localStorage.setItem(key, JSON.stringify(queue));
      setState((current) => ({ ...current, queued: queue.fixes.length }));
    };
    let isSending = false;
    let lastAttemptAt = 0;
    let isStopped = false;

    const flush = async () => {
      if (isSending || isStopped || !navigator.onLine) return;
      const batch = nextBatch(read());
      if (batch.length === 0) return;
      isSending = true;
      lastAttemptAt = Date.now();
      try {
        await api.call(trackingRoutes.uploadPositions, { params: { bookingId }, body: { positions: batch } });
        write(settle(read(), batch));
      } catch (error) {
        const problem = toApiError(error);
        // anything else (no signal, a server error, another upload in progress) keeps the fixes for the next try
        if (isFinalFailure(problem.status)) write(settle(read(), batch));
      } finally {
        isSending = false;
      }
    };

    write(read());
    let watchId: number | null = null;
    if ('geolocation' in navigator)
      watchId = navigator.geolocation.watchPosition(
        (position) => {
          write(
            enqueue(read(), {
              lat: position.coords.latitude,
              lng: position.coords.longitude,
              accuracyMeters: position.coords.accuracy,
              fixAt: new Date(position.timestamp).toISOString(),
            }),
          );
          setState((current) => ({ ...current, problem: null }));
          // the first fix (and one after a quiet spell) goes at once; the rest with the next round
          if (Date.now() - lastAttemptAt >= uploadEveryMs) void flush();
        },
        (error) => {
          setState((current) => ({ ...current, problem: locationProblemOf(error.code) }));
        },
        { enableHighAccuracy: true, maximumAge: 5_000 },
      );
    else setState((current) => ({ ...current, problem: 'unsupported' }));

    const timer = setInterval(() => void flush(), uploadEveryMs);
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    void flush();
    return () => {
      isStopped = true;
      if (watchId !== null) navigator.geolocation.clearWatch(watchId);
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    };
  }, [bookingId, status]);

  return state;
}
