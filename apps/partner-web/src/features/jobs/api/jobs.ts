import { channels, dispatchRoutes } from '@zefy/contracts';
import { useLiveQuery } from '@zefy/web-kit';
import { api, realtime } from '../../../lib/api-client.ts';

const jobEvents = new Set([
  'dispatch.partner_assigned',
  'dispatch.partner_released',
  'dispatch.partner_cancelled',
]);

/** The partner's upcoming jobs, fetched again when one is assigned to them or taken away. */
export function useUpcomingJobs(partnerId: string) {
  return useLiveQuery(
    { realtime, channel: channels.partner(partnerId) },
    'partner/jobs/upcoming',
    (signal) => api.call(dispatchRoutes.listJobs, { query: { scope: 'upcoming' } }, { signal }),
    (event) => jobEvents.has(event.type),
  );
}
