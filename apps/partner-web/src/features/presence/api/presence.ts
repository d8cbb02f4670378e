import { bookingRoutes, type PresenceInput } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export function getPresence(signal?: AbortSignal) {
  return api.call(bookingRoutes.getPresence, {}, { signal });
}

export function usePresence() {
  return useQuery('partner/presence', getPresence);
}

/** Going online and every heartbeat are the same call: PUT is idempotent. */
export function putPresence(presence: PresenceInput) {
  return api.call(bookingRoutes.putPresence, { body: presence });
}
