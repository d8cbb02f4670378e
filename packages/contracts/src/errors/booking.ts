import type { ErrorDefinitions } from './definitions.ts';

export const bookingErrors = {
  'BOOKING.NOT_FOUND': { status: 404, title: 'No such booking' },
  'BOOKING.TRANSITION_NOT_ALLOWED': { status: 409, title: 'The booking cannot do that in its current state' },
  'BOOKING.ACTOR_NOT_ALLOWED': { status: 403, title: 'You may not do that to this booking' },
  'BOOKING.HOLD_EXPIRED': { status: 409, title: 'The hold has expired; check availability again' },
  'BOOKING.AMOUNT_MISMATCH': { status: 409, title: 'The amount does not match the booking price' },
  'BOOKING.NO_CAPACITY': { status: 409, title: 'No partner can be promised for this window' },
  'BOOKING.SLOT_INVALID': { status: 422, title: 'Not a bookable slot for this service' },
  'BOOKING.DATE_OUT_OF_RANGE': { status: 422, title: 'Availability is shown for the next days only' },
  'BOOKING.ADDRESS_NOT_FOUND': { status: 404, title: 'No such address' },
  'BOOKING.ADDRESS_NOT_SERVICEABLE': { status: 422, title: 'This address is not serviceable yet' },
  'BOOKING.SERVICE_NOT_FOUND': { status: 404, title: 'No such service on offer' },
  'BOOKING.SCHEDULE_INVALID': { status: 422, title: 'The working schedule is not valid' },
  'BOOKING.PARTNER_NOT_ACTIVE': { status: 409, title: 'Your partner account is not approved for work' },
} as const satisfies ErrorDefinitions;
