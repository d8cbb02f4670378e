import { type CatalogServicePatch, catalogRoutes, type NewCatalogService } from '@zefy/contracts';
import { useCatalogCategories, useCatalogServices } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

// the console is for signed-in staff, who also see what is deactivated
export const useServices = () => useCatalogServices(api, { includeInactive: true });
export const useCategories = () => useCatalogCategories(api, { includeInactive: true });

export function createService(service: NewCatalogService, idempotencyKey: string) {
  return api.call(catalogRoutes.createService, { body: service }, { idempotencyKey });
}

export function updateService(serviceId: string, patch: CatalogServicePatch) {
  return api.call(catalogRoutes.updateService, { params: { serviceId }, body: patch });
}
