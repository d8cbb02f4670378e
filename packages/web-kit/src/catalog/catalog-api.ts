import { catalogRoutes } from '@zefy/contracts';
import type { ApiClient } from '../api/api-client.ts';
import { useQuery } from '../api/use-query.ts';

/** `includeInactive`: staff also see deactivated entries (the catalog ignores it for anyone else). */
export interface CatalogQuery {
  includeInactive?: boolean;
}

/** The services on offer, as the three apps list them. */
export function useCatalogServices(api: ApiClient, query: CatalogQuery = {}) {
  return useQuery(`catalog/services/${query.includeInactive === true}`, (signal) =>
    api.call(catalogRoutes.listServices, { query }, { signal }),
  );
}

/** The categories the services are grouped in. */
export function useCatalogCategories(api: ApiClient, query: CatalogQuery = {}) {
  return useQuery(`catalog/categories/${query.includeInactive === true}`, (signal) =>
    api.call(catalogRoutes.listCategories, { query }, { signal }),
  );
}
