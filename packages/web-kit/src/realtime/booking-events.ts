import type { RealtimeEvent } from '@zefy/contracts';

/** The booking an event is about (every booking event names it); null for any other event. */
export const bookingIdOf = (event: RealtimeEvent): string | null =>
  'bookingId' in event.data ? event.data.bookingId : null;
