import { type HubPatch, locationsRoutes, type NewHub } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export function getHubs(signal?: AbortSignal) {
  return api.call(locationsRoutes.listHubs, {}, { signal });
}

export function useHubs() {
  return useQuery('locations/hubs', getHubs);
}

export function createHub(hub: NewHub, idempotencyKey: string) {
  return api.call(locationsRoutes.createHub, { body: hub }, { idempotencyKey });
}

export function updateHub(hubId: string, patch: HubPatch) {
  return api.call(locationsRoutes.updateHub, { params: { hubId }, body: patch });
}
