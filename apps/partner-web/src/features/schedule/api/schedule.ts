import { bookingRoutes, type PartnerScheduleInput } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export function getSchedule(signal?: AbortSignal) {
  return api.call(bookingRoutes.getSchedule, {}, { signal });
}

export function useSchedule() {
  return useQuery('partner/schedule', getSchedule);
}

/** Replaces the whole schedule (PUT is idempotent: saving twice stores the same thing). */
export function saveSchedule(schedule: PartnerScheduleInput) {
  return api.call(bookingRoutes.putSchedule, { body: schedule });
}
