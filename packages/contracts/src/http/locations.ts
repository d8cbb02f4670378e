import { type Static, Type } from 'typebox';
import { rolesAccess } from '../access.ts';
import { Nullable, Timestamp, Uuid } from './common.ts';
import { defineRoute } from './route.ts';

/**
 * Coordinates are bounded loosely here, only to keep absurd numbers out; the real ranges (±90, ±180) are
 * checked by the service, which answers with its own code (LOCATIONS.COORDINATES_OUT_OF_RANGE).
 */
const Coordinate = (description?: string) =>
  Type.Number({ minimum: -1000, maximum: 1000, ...(description ? { description } : {}) });
const Position = Type.Tuple([Coordinate(), Coordinate()], { description: '[longitude, latitude]' });

export const GeoPolygon = Type.Object(
  {
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(Position, { maxItems: 5000 }), { minItems: 1, maxItems: 20 }),
  },
  {
    additionalProperties: false,
    description:
      'GeoJSON Polygon: one closed outer ring (last position = first), at least 4 positions, no holes, not self-intersecting',
  },
);
export type GeoPolygon = Static<typeof GeoPolygon>;

const LegalName = Type.String({ minLength: 2, maxLength: 120, pattern: '\\S' });
const RegisteredAddress = Type.String({
  minLength: 5,
  maxLength: 300,
  pattern: '\\S',
  description: 'as on the GST registration; one line or several',
});

/** Who a hub's receipts are issued by, for GST: all three, or none until an admin sets them. */
export const HubTaxIdentity = Type.Object(
  {
    legalName: LegalName,
    gstin: Type.String({
      minLength: 1,
      maxLength: 15,
      description:
        'GSTIN: state code 01-38, PAN, registration 1-9 or A-Z, Z, check character (checked by the service)',
    }),
    registeredAddress: RegisteredAddress,
  },
  { additionalProperties: false },
);
export type HubTaxIdentity = Static<typeof HubTaxIdentity>;

export const Hub = Type.Object({
  id: Uuid,
  name: Type.String(),
  city: Type.String(),
  timezone: Type.String({ description: 'IANA time zone, e.g. Asia/Kolkata' }),
  polygon: GeoPolygon,
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
    description: '[minLng, minLat, maxLng, maxLat]',
  }),
  areaSquareMetres: Type.Number(),
  isActive: Type.Boolean(),
  taxIdentity: Nullable(HubTaxIdentity),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Hub = Static<typeof Hub>;

const HubName = Type.String({ minLength: 2, maxLength: 80, pattern: '\\S' });
const City = Type.String({ minLength: 2, maxLength: 80, pattern: '\\S' });
const Timezone = Type.String({ minLength: 1, maxLength: 64 });

export const NewHub = Type.Object(
  {
    name: HubName,
    city: City,
    timezone: Timezone,
    polygon: GeoPolygon,
    isActive: Type.Optional(Type.Boolean({ description: 'default true' })),
    taxIdentity: Type.Optional(Nullable(HubTaxIdentity)),
  },
  { additionalProperties: false },
);
export type NewHub = Static<typeof NewHub>;

export const HubPatch = Type.Object(
  {
    name: Type.Optional(HubName),
    city: Type.Optional(City),
    timezone: Type.Optional(Timezone),
    polygon: Type.Optional(GeoPolygon),
    isActive: Type.Optional(Type.Boolean()),
    taxIdentity: Type.Optional(
      Type.Union([HubTaxIdentity, Type.Null()], {
        description: 'null clears it: receipts then carry no GST details',
      }),
    ),
  },
  { additionalProperties: false },
);
export type HubPatch = Static<typeof HubPatch>;

export const Serviceability = Type.Object({
  isServiceable: Type.Boolean(),
  hubId: Type.Union([Uuid, Type.Null()]),
  hubName: Type.Union([Type.String(), Type.Null()]),
  /** Why not, in words for the customer; null when serviceable. */
  notServiceableReason: Type.Union([Type.String(), Type.Null()]),
});
export type Serviceability = Static<typeof Serviceability>;

export const AddressLabelKind = Type.Union([
  Type.Literal('home'),
  Type.Literal('work'),
  Type.Literal('other'),
]);
export type AddressLabelKind = Static<typeof AddressLabelKind>;

export const Address = Type.Object({
  id: Uuid,
  customerId: Type.String(),
  /** "Home", "Work", "Other" or the customer's own label. */
  label: Type.String(),
  labelKind: AddressLabelKind,
  line1: Type.String(),
  landmark: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Number(),
  lng: Type.Number(),
  isDefault: Type.Boolean(),
  ...Serviceability.properties,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Address = Static<typeof Address>;

export const NewAddress = Type.Object(
  {
    label: Type.String({ maxLength: 30, description: 'Home, Work, Other or your own (1 to 30 characters)' }),
    line1: Type.String({ maxLength: 200 }),
    landmark: Type.Optional(Type.Union([Type.String({ maxLength: 120 }), Type.Null()])),
    lat: Coordinate('latitude of the map pin, -90 to 90'),
    lng: Coordinate('longitude of the map pin, -180 to 180'),
    isDefault: Type.Optional(
      Type.Boolean({ description: 'make this the default; the first address always is' }),
    ),
  },
  { additionalProperties: false },
);
export type NewAddress = Static<typeof NewAddress>;

export const AddressPatch = Type.Object(
  {
    label: Type.Optional(NewAddress.properties.label),
    line1: Type.Optional(NewAddress.properties.line1),
    landmark: NewAddress.properties.landmark,
    lat: Type.Optional(NewAddress.properties.lat),
    lng: Type.Optional(NewAddress.properties.lng),
    isDefault: Type.Optional(
      Type.Literal(true, { description: 'make this the default (choose another address to move it)' }),
    ),
  },
  { additionalProperties: false },
);
export type AddressPatch = Static<typeof AddressPatch>;

const HubParams = Type.Object({ hubId: Uuid });
const AddressParams = Type.Object({ addressId: Uuid });
/** A customer reaches only their own addresses (anyone else's id is a 404). */
const addressOwner = { param: 'addressId', resource: 'address', roles: ['customer'] } as const;

export const locationsRoutes = {
  listHubs: defineRoute({
    service: 'locations',
    method: 'GET',
    url: '/api/v1/locations/hubs',
    summary: 'Every hub, active or not',
    access: rolesAccess('admin', 'ops'),
    schema: { response: { 200: Type.Object({ items: Type.Array(Hub) }) } },
  }),
  getHub: defineRoute({
    service: 'locations',
    method: 'GET',
    url: '/api/v1/locations/hubs/:hubId',
    summary: 'One hub',
    access: rolesAccess('admin', 'ops'),
    schema: { params: HubParams, response: { 200: Hub } },
  }),
  createHub: defineRoute({
    service: 'locations',
    method: 'POST',
    url: '/api/v1/locations/hubs',
    summary: 'Create a hub (a service area)',
    access: rolesAccess('admin'),
    idempotency: 'required',
    schema: { body: NewHub, response: { 201: Hub } },
  }),
  updateHub: defineRoute({
    service: 'locations',
    method: 'PATCH',
    url: '/api/v1/locations/hubs/:hubId',
    summary: 'Edit a hub; addresses in its old and new area are re-resolved',
    access: rolesAccess('admin'),
    schema: { params: HubParams, body: HubPatch, response: { 200: Hub } },
  }),
  resolve: defineRoute({
    service: 'locations',
    method: 'GET',
    url: '/api/v1/locations/resolve',
    summary: 'Which hub serves a map pin, if any',
    access: rolesAccess('customer', 'admin', 'ops'),
    schema: {
      querystring: Type.Object({ lat: Coordinate(), lng: Coordinate() }, { additionalProperties: false }),
      response: { 200: Serviceability },
    },
  }),
  listAddresses: defineRoute({
    service: 'locations',
    method: 'GET',
    url: '/api/v1/locations/addresses',
    summary: 'Your saved addresses, the default first',
    access: rolesAccess('customer'),
    schema: { response: { 200: Type.Object({ items: Type.Array(Address) }) } },
  }),
  getAddress: defineRoute({
    service: 'locations',
    method: 'GET',
    url: '/api/v1/locations/addresses/:addressId',
    summary: 'One of your addresses',
    access: rolesAccess('customer'),
    owner: addressOwner,
    schema: { params: AddressParams, response: { 200: Address } },
  }),
  createAddress: defineRoute({
    service: 'locations',
    method: 'POST',
    url: '/api/v1/locations/addresses',
    summary: 'Save an address; it is mapped to a hub, or stored as not serviceable yet',
    access: rolesAccess('customer'),
    idempotency: 'required',
    schema: { body: NewAddress, response: { 201: Address } },
  }),
  updateAddress: defineRoute({
    service: 'locations',
    method: 'PATCH',
    url: '/api/v1/locations/addresses/:addressId',
    summary: 'Edit one of your addresses, or make it the default',
    access: rolesAccess('customer'),
    owner: addressOwner,
    schema: { params: AddressParams, body: AddressPatch, response: { 200: Address } },
  }),
  deleteAddress: defineRoute({
    service: 'locations',
    method: 'DELETE',
    url: '/api/v1/locations/addresses/:addressId',
    summary: 'Delete one of your addresses (the newest other one becomes the default)',
    access: rolesAccess('customer'),
    owner: addressOwner,
    schema: { params: AddressParams, response: { 204: Type.Null() } },
  }),
};
