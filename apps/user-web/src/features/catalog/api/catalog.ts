import { catalogRoutes } from '@zefy/contracts';
import { useCatalogCategories, useCatalogServices, useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export const useServices = () => useCatalogServices(api);
export const useCategories = () => useCatalogCategories(api);

/** One service, offered or not any more (a link to it may be old). */
export function useService(serviceId: string) {
  return useQuery(`catalog/services/${serviceId}`, (signal) =>
    api.call(catalogRoutes.getService, { params: { serviceId } }, { signal }),
  );
}
