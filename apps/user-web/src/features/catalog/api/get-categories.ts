import type { CatalogCategory } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export interface CategoryList {
  items: CatalogCategory[];
}

export function getCategories(signal?: AbortSignal): Promise<CategoryList> {
  return api.get<CategoryList>('/catalog/categories', { signal });
}

export function useCategories() {
  return useQuery('catalog/categories', getCategories);
}
