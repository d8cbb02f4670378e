import { type Static, Type } from 'typebox';
import { publicAccess, rolesAccess } from '../access.ts';
import { Paise, Timestamp, Uuid } from './common.ts';
import { defineRoute } from './route.ts';

const Slug = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9-]*$' });
const Name = Type.String({ minLength: 2, maxLength: 80, pattern: '\\S' });
const Description = Type.String({ maxLength: 1000 });
const ImageUrl = Type.Union([Type.String({ maxLength: 500, pattern: '^(https://|/)\\S+$' }), Type.Null()], {
  description: 'an https:// URL or a path on this origin',
});
/**
 * Numbers in requests are bounded only by PostgreSQL's integer range, so that an out-of-range price or
 * duration gets the catalog's own code (CATALOG.PRICE_OUT_OF_RANGE, CATALOG.PRICING_RULE_INVALID), not a
 * schema error.
 */
const IntegerInput = (description: string) =>
  Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647, description });
const PaiseInput = IntegerInput('Amount in paise (1 INR = 100 paise), from 0');
const Minutes = IntegerInput('whole minutes');

export const ExtraChargeRule = Type.Object(
  {
    graceMinutes: Minutes,
    blockMinutes: Minutes,
    blockPricePaise: PaiseInput,
  },
  {
    additionalProperties: false,
    description:
      'Overtime past the included minutes: the first graceMinutes are free, then every started block of blockMinutes costs blockPricePaise',
  },
);
export type ExtraChargeRule = Static<typeof ExtraChargeRule>;

export const PriceBreakdownSchema = Type.Object(
  {
    basePaise: Paise,
    extraBlocks: Type.Integer({ minimum: 0 }),
    extraPaise: Paise,
    pretaxPaise: Paise,
    taxRateBasisPoints: Type.Integer({ minimum: 0 }),
    taxPaise: Paise,
    totalPaise: Paise,
  },
  {
    description:
      'From @zefy/rules priceBreakdown: tax = round_half_up(pretax × rate / 10000) once on base + extra; total = base + extra + tax',
  },
);

export const CatalogCategory = Type.Object({
  id: Slug,
  name: Type.String(),
  description: Type.String(),
  imageUrl: ImageUrl,
  isActive: Type.Boolean(),
  /** Active services in the category. */
  serviceCount: Type.Integer({ minimum: 0 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CatalogCategory = Static<typeof CatalogCategory>;

export const NewCatalogCategory = Type.Object(
  {
    id: Slug,
    name: Name,
    description: Type.Optional(Description),
    imageUrl: Type.Optional(ImageUrl),
  },
  { additionalProperties: false },
);
export type NewCatalogCategory = Static<typeof NewCatalogCategory>;

export const CatalogCategoryPatch = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    imageUrl: Type.Optional(ImageUrl),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CatalogCategoryPatch = Static<typeof CatalogCategoryPatch>;

export const CatalogService = Type.Object({
  id: Uuid,
  name: Type.String(),
  category: Slug,
  description: Type.String(),
  imageUrl: ImageUrl,
  includedMinutes: Type.Integer(),
  basePricePaise: Paise,
  extraCharge: ExtraChargeRule,
  taxRateBasisPoints: Type.Integer({ minimum: 0, maximum: 10_000, description: '1800 = 18% GST' }),
  skill: Slug,
  isActive: Type.Boolean(),
  /** What the customer pays when the job ends within the included time. */
  price: PriceBreakdownSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CatalogService = Static<typeof CatalogService>;

export const NewCatalogService = Type.Object(
  {
    name: Name,
    category: Slug,
    basePricePaise: PaiseInput,
    description: Type.Optional(Description),
    imageUrl: Type.Optional(ImageUrl),
    includedMinutes: Type.Optional(IntegerInput('whole minutes; default 60')),
    extraCharge: Type.Optional(ExtraChargeRule),
    taxRateBasisPoints: Type.Optional(IntegerInput('basis points; default 1800 (18% GST)')),
    skill: Type.Optional(Slug),
  },
  { additionalProperties: false },
);
export type NewCatalogService = Static<typeof NewCatalogService>;

export const CatalogServicePatch = Type.Object(
  {
    name: Type.Optional(Name),
    category: Type.Optional(Slug),
    basePricePaise: Type.Optional(PaiseInput),
    description: Type.Optional(Description),
    imageUrl: Type.Optional(ImageUrl),
    includedMinutes: Type.Optional(Minutes),
    extraCharge: Type.Optional(ExtraChargeRule),
    taxRateBasisPoints: Type.Optional(IntegerInput('basis points')),
    skill: Type.Optional(Slug),
    isActive: Type.Optional(
      Type.Boolean({ description: 'false deactivates: no longer offered or bookable' }),
    ),
  },
  { additionalProperties: false },
);
export type CatalogServicePatch = Static<typeof CatalogServicePatch>;

const IncludeInactive = Type.Object(
  {
    includeInactive: Type.Optional(
      Type.Boolean({ description: 'admin and ops only: also list deactivated entries' }),
    ),
  },
  { additionalProperties: false },
);

export const catalogRoutes = {
  listServices: defineRoute({
    service: 'catalog',
    method: 'GET',
    url: '/api/v1/catalog/services',
    summary:
      'List the services on offer (every active service of an active category is offered in every active hub)',
    access: publicAccess,
    schema: {
      querystring: IncludeInactive,
      response: { 200: Type.Object({ items: Type.Array(CatalogService) }) },
    },
  }),
  getService: defineRoute({
    service: 'catalog',
    method: 'GET',
    url: '/api/v1/catalog/services/:serviceId',
    summary: 'One service, active or not (bookings keep referring to deactivated ones)',
    access: publicAccess,
    schema: { params: Type.Object({ serviceId: Uuid }), response: { 200: CatalogService } },
  }),
  quoteService: defineRoute({
    service: 'catalog',
    method: 'GET',
    url: '/api/v1/catalog/services/:serviceId/quote',
    summary: 'Price breakdown of a service for a worked duration (extra charges included)',
    access: publicAccess,
    schema: {
      params: Type.Object({ serviceId: Uuid }),
      querystring: Type.Object(
        { workedMinutes: Type.Number({ minimum: 0, maximum: 10_080 }) },
        { additionalProperties: false },
      ),
      response: { 200: PriceBreakdownSchema },
    },
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
  updateService: defineRoute({
    service: 'catalog',
    method: 'PATCH',
    url: '/api/v1/catalog/services/:serviceId',
    summary: 'Edit a service, or deactivate it with isActive: false',
    access: rolesAccess('admin'),
    schema: {
      params: Type.Object({ serviceId: Uuid }),
      body: CatalogServicePatch,
      response: { 200: CatalogService },
    },
  }),
  listCategories: defineRoute({
    service: 'catalog',
    method: 'GET',
    url: '/api/v1/catalog/categories',
    summary: 'Categories with the number of active services in each',
    access: publicAccess,
    schema: {
      querystring: IncludeInactive,
      response: { 200: Type.Object({ items: Type.Array(CatalogCategory) }) },
    },
  }),
  createCategory: defineRoute({
    service: 'catalog',
    method: 'POST',
    url: '/api/v1/catalog/categories',
    summary: 'Create a category (its id is a slug such as appliance-repair)',
    access: rolesAccess('admin'),
    idempotency: 'required',
    schema: { body: NewCatalogCategory, response: { 201: CatalogCategory } },
  }),
  updateCategory: defineRoute({
    service: 'catalog',
    method: 'PATCH',
    url: '/api/v1/catalog/categories/:categoryId',
    summary: 'Edit a category, or deactivate it (and so stop offering its services)',
    access: rolesAccess('admin'),
    schema: {
      params: Type.Object({ categoryId: Slug }),
      body: CatalogCategoryPatch,
      response: { 200: CatalogCategory },
    },
  }),
};
