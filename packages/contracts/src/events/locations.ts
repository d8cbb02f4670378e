import { Type } from 'typebox';

const BBox = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], {
  description: '[minLng, minLat, maxLng, maxLat]',
});
/** Absent in events from before hubs had one (keep what is known); null when the hub has none. */
const TaxIdentity = Type.Optional(
  Type.Union([
    Type.Object({ legalName: Type.String(), gstin: Type.String(), registeredAddress: Type.String() }),
    Type.Null(),
  ]),
);
const Hub = {
  hubId: Type.String(),
  name: Type.String(),
  city: Type.String(),
  timezone: Type.String(),
  isActive: Type.Boolean(),
  bbox: BBox,
  taxIdentity: TaxIdentity,
};
const Resolution = {
  hubId: Type.Union([Type.String(), Type.Null()]),
  isServiceable: Type.Boolean(),
};

export const locationsEvents = {
  'locations.hub_created': { version: 1, data: Type.Object(Hub) },
  'locations.hub_updated': {
    version: 1,
    data: Type.Object({ ...Hub, previousBbox: BBox, previousIsActive: Type.Boolean() }),
  },
  /** Created or edited; carries what booking needs for its projection. */
  'locations.address_saved': {
    version: 1,
    data: Type.Object({
      addressId: Type.String(),
      customerId: Type.String(),
      label: Type.String(),
      lat: Type.Number(),
      lng: Type.Number(),
      isDefault: Type.Boolean(),
      ...Resolution,
    }),
  },
  /** The address's hub changed because a hub was created or edited. */
  'locations.address_resolved': {
    version: 1,
    data: Type.Object({
      addressId: Type.String(),
      customerId: Type.String(),
      previousHubId: Type.Union([Type.String(), Type.Null()]),
      ...Resolution,
    }),
  },
  'locations.address_deleted': {
    version: 1,
    data: Type.Object({ addressId: Type.String(), customerId: Type.String() }),
  },
} as const;
