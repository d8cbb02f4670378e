import type { PartnerSchedule, PartnerScheduleInput } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export function getSchedule(signal?: AbortSignal): Promise<PartnerSchedule> {
  return api.get<PartnerSchedule>('/partner/schedule', { signal });
}

export function useSchedule() {
  return useQuery('partner/schedule', getSchedule);
}

/** Replaces the whole schedule (PUT is idempotent: saving twice stores the same thing). */
export function saveSchedule(schedule: PartnerScheduleInput): Promise<PartnerSchedule> {
  return api.put<PartnerSchedule>('/partner/schedule', schedule);
}
