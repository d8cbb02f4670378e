import { channels, jobRoutes, trackingRoutes } from '@zefy/contracts';
import { toApiError, useLiveQuery } from '@zefy/web-kit';
import { useEffect } from 'react';
import { api, realtime } from '../../../lib/api-client.ts';

/**
 * A booking's live tracking (null before tracking knows it), fetched again on every state change, position
 * and ETA on the booking's channel (a reconnect resumes it after the last change seen).
 */
export function useTracking(bookingId: string) {
  const channel = channels.booking(bookingId);
  const tracking = useLiveQuery(
    { realtime, channel },
    `admin/tracking/${bookingId}`,
    (signal) =>
      api.call(trackingRoutes.getTracking, { params: { bookingId } }, { signal }).catch((error: unknown) => {
        if (toApiError(error).status === 404) return null;
        throw error;
      }),
    () => false,
  );
  const { reload } = tracking;
  useEffect(() => realtime.subscribe(channel, { onTracking: reload }), [channel, reload]);
  return tracking;
}

/** The booking's receipt: its extra time and the customer's rating of the partner. */
export const getReceipt = (bookingId: string, signal?: AbortSignal) =>
  api.call(jobRoutes.getReceipt, { params: { bookingId } }, { signal });

/** New codes for the one the job needs next, lifting a lock; audited with the reason. */
export const reissueOtp = (bookingId: string, reason: string) =>
  api.call(jobRoutes.reissueOtp, { params: { bookingId }, body: { reason } }, { idempotencyKey: true });
