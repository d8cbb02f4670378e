import type { ErrorDefinitions } from './definitions.ts';

export const locationsErrors = {
  'LOCATIONS.HUB_NOT_FOUND': { status: 404, title: 'No such hub' },
  'LOCATIONS.HUB_NAME_TAKEN': { status: 409, title: 'A hub with this name already exists in this city' },
  'LOCATIONS.TIMEZONE_UNKNOWN': { status: 422, title: 'Not an IANA time zone' },
  'LOCATIONS.POLYGON_SELF_INTERSECTING': { status: 422, title: 'The hub outline crosses or touches itself' },
  'LOCATIONS.POLYGON_NOT_CLOSED': { status: 422, title: 'The hub outline is not closed' },
  'LOCATIONS.POLYGON_TOO_FEW_POSITIONS': { status: 422, title: 'The hub outline has fewer than 4 positions' },
  'LOCATIONS.POLYGON_TOO_MANY_POSITIONS': { status: 422, title: 'The hub outline has too many positions' },
  'LOCATIONS.POLYGON_HAS_HOLES': { status: 422, title: 'A hub outline is one ring without holes' },
  'LOCATIONS.COORDINATES_OUT_OF_RANGE': {
    status: 422,
    title: 'Latitude must be within ±90 and longitude within ±180',
  },
  'LOCATIONS.GSTIN_INVALID': { status: 400, title: 'Not a valid GSTIN' },
  'LOCATIONS.ADDRESS_NOT_FOUND': { status: 404, title: 'No such address' },
  'LOCATIONS.LABEL_EMPTY': { status: 422, title: 'An address needs a label' },
  'LOCATIONS.ADDRESS_LINE_EMPTY': { status: 422, title: 'An address needs its first line' },
} as const satisfies ErrorDefinitions;
