import type { CatalogService } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';
import { readAccessToken } from '../../../lib/auth-token.ts';

export interface ServiceList {
  items: CatalogService[];
}

/** Signed in, the console also lists deactivated services (staff only). */
export function getServices(signal?: AbortSignal): Promise<ServiceList> {
  const query = readAccessToken() ? '?includeInactive=true' : '';
  return api.get<ServiceList>(`/catalog/services${query}`, { signal });
}

export function useServices() {
  return useQuery('catalog/services', getServices);
}
