import type { CatalogService } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export interface ServiceList {
  items: CatalogService[];
}

export function getServices(signal?: AbortSignal): Promise<ServiceList> {
  return api.get<ServiceList>('/catalog/services', { signal });
}

export function useServices() {
  return useQuery('catalog/services', getServices);
}
