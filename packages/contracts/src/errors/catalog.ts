import type { ErrorDefinitions } from './definitions.ts';

export const catalogErrors = {
  'CATALOG.SERVICE_NAME_TAKEN': { status: 409, title: 'A service with this name already exists' },
  'CATALOG.SERVICE_NOT_FOUND': { status: 404, title: 'No such service' },
  'CATALOG.CATEGORY_NOT_FOUND': { status: 404, title: 'No such category' },
  'CATALOG.CATEGORY_UNKNOWN': { status: 422, title: 'The service names a category that does not exist' },
  'CATALOG.CATEGORY_TAKEN': { status: 409, title: 'A category with this id already exists' },
  'CATALOG.PRICE_OUT_OF_RANGE': { status: 422, title: 'A price must be whole paise from 0 to ₹10 crore' },
  'CATALOG.PRICING_RULE_INVALID': {
    status: 422,
    title: 'The duration, extra-charge or tax rule is not valid',
  },
} as const satisfies ErrorDefinitions;
