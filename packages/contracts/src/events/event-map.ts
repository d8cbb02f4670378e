import type { Static, TSchema } from 'typebox';
import { bookingEvents } from './booking.ts';
import { bookingLifecycleEvents } from './booking-lifecycle.ts';
import { catalogEvents } from './catalog.ts';
import { dispatchEvents } from './dispatch.ts';
import { identityEvents } from './identity.ts';
import { jobEvents } from './job.ts';
import { locationsEvents } from './locations.ts';
import { paymentsEvents } from './payments.ts';
import { trackingEvents } from './tracking.ts';

/** Every domain event: its current version and payload schema. Producers and consumers share this map. */
export const eventMap = {
  ...catalogEvents,
  ...bookingEvents,
  ...identityEvents,
  ...locationsEvents,
  ...paymentsEvents,
  ...bookingLifecycleEvents,
  ...dispatchEvents,
  ...jobEvents,
  ...trackingEvents,
} as const satisfies Record<string, { version: number; data: TSchema }>;

export type EventType = keyof typeof eventMap;
export type EventData<T extends EventType> = Static<(typeof eventMap)[T]['data']>;
