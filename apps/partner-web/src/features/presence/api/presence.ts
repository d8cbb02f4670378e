import type { PresenceInput, PresenceView } from '@zefy/contracts';
import { api } from '../../../lib/api-client.ts';

export function getPresence(signal?: AbortSignal): Promise<PresenceView> {
  return api.get<PresenceView>('/partner/presence', { signal });
}

/** Going online and every heartbeat are the same call: PUT is idempotent. */
export function putPresence(presence: PresenceInput): Promise<PresenceView> {
  return api.put<PresenceView>('/partner/presence', presence);
}
