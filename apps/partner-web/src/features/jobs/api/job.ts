import {
  channels,
  dispatchRoutes,
  jobRoutes,
  type ProposeExtraInput,
  type RatingInput,
} from '@zefy/contracts';
import { bookingIdOf, useLiveQuery } from '@zefy/web-kit';
import { useEffect } from 'react';
import { api, realtime } from '../../../lib/api-client.ts';

/**
 * One job of the partner's: its details (from the upcoming jobs, else the past ones) and its progress (state
 * and the server's timer, with when it was received, to count the timer on this phone's clock). Fetched again
 * on every state change on the booking's channel (resumed after the last one seen on a reconnect; refused
 * once the job is no longer theirs) and on dispatch's events of it on the partner's channel (taken away).
 */
export function useJob(partnerId: string, bookingId: string) {
  const job = useLiveQuery(
    { realtime, channel: channels.partner(partnerId) },
    `partner/job/${bookingId}`,
    async (signal) => {
      const [upcoming, past, progress] = await Promise.all([
        api.call(dispatchRoutes.listJobs, { query: { scope: 'upcoming' } }, { signal }),
        api.call(dispatchRoutes.listJobs, { query: { scope: 'past' } }, { signal }),
        api.call(jobRoutes.getJobProgress, { params: { bookingId } }, { signal }).catch(() => null),
      ]);
      const job = [...upcoming.items, ...past.items].find((item) => item.bookingId === bookingId) ?? null;
      return { job, progress, receivedAt: Date.now() };
    },
    (event) => bookingIdOf(event) === bookingId && !event.type.startsWith('booking.'),
  );
  const { reload } = job;
  useEffect(
    () => realtime.subscribe(channels.booking(bookingId), { onChange: reload, onResync: reload }),
    [bookingId, reload],
  );
  return job;
}

export const startJourney = (bookingId: string) =>
  api.call(dispatchRoutes.startJourney, { params: { bookingId } });

export const confirmArrival = (bookingId: string) =>
  api.call(dispatchRoutes.confirmArrival, { params: { bookingId } });

export const submitOtp = (bookingId: string, kind: 'start' | 'end', otp: string) =>
  api.call(kind === 'start' ? jobRoutes.startJob : jobRoutes.endJob, {
    params: { bookingId },
    body: { otp },
  });

export const rateCustomer = (bookingId: string, rating: RatingInput) =>
  api.call(jobRoutes.rateCustomer, { params: { bookingId }, body: rating }, { idempotencyKey: true });

/** An add-on or material for the customer to approve; the form's key makes a retry propose it once. */
export const proposeExtra = (bookingId: string, extra: ProposeExtraInput, idempotencyKey: string) =>
  api.call(jobRoutes.proposeExtra, { params: { bookingId }, body: extra }, { idempotencyKey });
