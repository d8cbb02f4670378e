import { type AssignPartnerInput, channels, dispatchRoutes, type RealtimeEvent } from '@zefy/contracts';
import { useLiveQuery, useQuery } from '@zefy/web-kit';
import { api, realtime } from '../../../lib/api-client.ts';

/** What changes the queue: a round starting, escalating, ending, or its offers. */
const queueEvents = new Set<string>([
  'booking.confirmed',
  'booking.cancelled',
  'booking.partner_assigned',
  'booking.partner_released',
  'dispatch.offers_sent',
  'dispatch.offers_withdrawn',
  'dispatch.escalated',
  'dispatch.gave_up',
  'dispatch.partner_cancelled',
]);

export const isQueueEvent = (event: RealtimeEvent): boolean => queueEvents.has(event.type);

export function useDispatchQueue() {
  return useLiveQuery(
    { realtime, channel: channels.admin },
    'dispatch/queue',
    (signal) => api.call(dispatchRoutes.dispatchQueue, { query: {} }, { signal }),
    isQueueEvent,
  );
}

export function useCandidates(bookingId: string) {
  return useQuery(`dispatch/candidates/${bookingId}`, (signal) =>
    api.call(dispatchRoutes.listCandidates, { params: { bookingId } }, { signal }),
  );
}

export function assignPartner(bookingId: string, input: AssignPartnerInput) {
  return api.call(
    dispatchRoutes.assignPartner,
    { params: { bookingId }, body: input },
    { idempotencyKey: true },
  );
}

export function resendOffers(bookingId: string) {
  return api.call(dispatchRoutes.resendOffers, { params: { bookingId } });
}

/** Calls `onEscalated` for every escalation pushed to the admin channel while the screen is open. */
export function subscribeToEscalations(onEscalated: (bookingId: string) => void): () => void {
  realtime.connect();
  return realtime.subscribe(channels.admin, {
    onEvent: (event) => {
      if (event.type === 'dispatch.escalated') onEscalated(event.data.bookingId);
    },
  });
}
