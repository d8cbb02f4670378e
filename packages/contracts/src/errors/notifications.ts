import type { ErrorDefinitions } from './definitions.ts';

export const notificationErrors = {
  'NOTIFICATIONS.NOT_FOUND': { status: 404, title: 'No such notification in your inbox' },
} as const satisfies ErrorDefinitions;
