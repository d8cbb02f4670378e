import type { CatalogService, CatalogServicePatch, NewCatalogService } from '@zefy/contracts';
import { api } from '../../../lib/api-client.ts';

export function createService(service: NewCatalogService, idempotencyKey: string): Promise<CatalogService> {
  return api.post<CatalogService>('/catalog/services', service, { idempotencyKey });
}

export function updateService(id: string, patch: CatalogServicePatch): Promise<CatalogService> {
  return api.patch<CatalogService>(`/catalog/services/${id}`, patch);
}
