import type { ErrorDefinitions } from './definitions.ts';

export const catalogErrors = {
  'CATALOG.SERVICE_NAME_TAKEN': { status: 409, title: 'A service with this name already exists' },
} as const satisfies ErrorDefinitions;
