import type { CatalogService } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export interface ServiceList {
  items: CatalogService[];
}

/** The console is for signed-in staff, who also see deactivated services. */
export function getServices(signal?: AbortSignal): Promise<ServiceList> {
  return api.get<ServiceList>('/catalog/services?includeInactive=true', { signal });
}

export function useServices() {
  return useQuery('catalog/services', getServices);
}
