import type { Hub, HubPatch, NewHub } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export interface HubList {
  items: Hub[];
}

export function getHubs(signal?: AbortSignal): Promise<HubList> {
  return api.get<HubList>('/locations/hubs', { signal });
}

export function useHubs() {
  return useQuery('locations/hubs', getHubs);
}

export function createHub(hub: NewHub, idempotencyKey: string): Promise<Hub> {
  return api.post<Hub>('/locations/hubs', hub, { idempotencyKey });
}

export function updateHub(id: string, patch: HubPatch): Promise<Hub> {
  return api.patch<Hub>(`/locations/hubs/${id}`, patch);
}
