import { type Static, Type } from 'typebox';
import { publicAccess, rolesAccess } from '../access.ts';
import { Paise, Timestamp, Uuid } from './common.ts';
import { defineRoute } from './route.ts';

export const CatalogService = Type.Object({
  id: Uuid,
  name: Type.String(),
  category: Type.String(),
  basePricePaise: Paise,
  createdAt: Timestamp,
});
export type CatalogService = Static<typeof CatalogService>;

export const NewCatalogService = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 80, pattern: '\\S' }),
    category: Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9-]*$' }),
    basePricePaise: Paise,
  },
  { additionalProperties: false },
);
export type NewCatalogService = Static<typeof NewCatalogService>;

export const CategorySummary = Type.Object({
  category: Type.String(),
  serviceCount: Type.Integer({ minimum: 0 }),
});

export const catalogRoutes = {
  listServices: defineRoute({
    service: 'catalog',
    method: 'GET',
    url: '/api/v1/catalog/services',
    summary: 'List the services on offer',
    access: publicAccess,
    schema: { response: { 200: Type.Object({ items: Type.Array(CatalogService) }) } },
  }),
  createService: defineRoute({
    service: 'catalog',
    method: 'POST',
    url: '/api/v1/catalog/services',
    summary: 'Create a service',
    access: rolesAccess('admin'),
    idempotency: 'required',
    schema: { body: NewCatalogService, response: { 201: CatalogService } },
  }),
  listCategories: defineRoute({
    service: 'catalog',
    method: 'GET',
    url: '/api/v1/catalog/categories',
    summary: 'Categories with the number of services in each',
    access: publicAccess,
    schema: { response: { 200: Type.Object({ items: Type.Array(CategorySummary) }) } },
  }),
};
