import { type Static, Type } from 'typebox';
import { rolesAccess } from '../access.ts';
import { PriceBreakdownSchema } from './catalog.ts';
import { Paise, Timestamp } from './common.ts';
import { defineRoute } from './route.ts';

/** Ids minted by other services (catalog, locations, identity): opaque strings here. */
const ForeignId = Type.String({ minLength: 1, maxLength: 100 });
const BookingId = Type.String({ format: 'uuid' });
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const ClockTime = Type.String({
  pattern: '^\\d{2}:\\d{2}$',
  description: 'HH:MM in the hub timezone, on a 15-minute grid; 24:00 ends a day',
});

export const BookingStatus = Type.Union(
  [
    Type.Literal('held'),
    Type.Literal('awaiting_payment'),
    Type.Literal('payment_failed'),
    Type.Literal('expired'),
    Type.Literal('confirmed'),
    Type.Literal('rejected'),
    Type.Literal('cancelled'),
    Type.Literal('refunded'),
  ],
  {
    description:
      'held → awaiting_payment → confirmed (searching for a partner); expired when the hold lapses unpaid; rejected when a payment arrived that could not become a booking (refunded automatically); cancelled; refunded',
  },
);
export type BookingStatus = Static<typeof BookingStatus>;

export const BookingWindowSchema = Type.Object({
  kind: Type.Union([Type.Literal('now'), Type.Literal('slot')]),
  startsAt: Timestamp,
  endsAt: Timestamp,
});
export type BookingWindow = Static<typeof BookingWindowSchema>;

/** Fixed at the hold: the service's price for its included time, from @zefy/rules priceBreakdown. */
export const BookingPriceSchema = PriceBreakdownSchema;
export type BookingPrice = Static<typeof BookingPriceSchema>;

export const BookingPaymentSchema = Type.Object({
  paymentId: Type.String(),
  orderId: Type.String(),
  amountPaise: Paise,
});

export const BookingView = Type.Object({
  id: BookingId,
  status: BookingStatus,
  customerId: Type.String(),
  hubId: Type.String(),
  serviceId: Type.String(),
  serviceName: Type.String(),
  addressId: Type.String(),
  window: BookingWindowSchema,
  price: BookingPriceSchema,
  holdExpiresAt: Timestamp,
  orderId: Type.Union([Type.String(), Type.Null()]),
  payment: Type.Union([BookingPaymentSchema, Type.Null()]),
  refundedPaise: Paise,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type BookingView = Static<typeof BookingView>;

export const HoldRequest = Type.Object(
  {
    serviceId: ForeignId,
    addressId: ForeignId,
    window: Type.Union([
      Type.Object({ kind: Type.Literal('now') }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('slot'), startsAt: Timestamp }, { additionalProperties: false }),
    ]),
  },
  { additionalProperties: false },
);
export type HoldRequest = Static<typeof HoldRequest>;

export const AvailabilityQuery = Type.Object(
  {
    serviceId: ForeignId,
    addressId: ForeignId,
    date: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);

export const AvailabilitySlot = Type.Object({
  startsAt: Timestamp,
  endsAt: Timestamp,
  available: Type.Boolean(),
});

export const Availability = Type.Object({
  serviceId: Type.String(),
  addressId: Type.String(),
  isServiceable: Type.Boolean({ description: 'false: the address is outside every hub (not an error)' }),
  hubId: Type.Union([Type.String(), Type.Null()]),
  timezone: Type.Union([Type.String(), Type.Null()]),
  date: LocalDate,
  slotMinutes: Type.Integer({ description: 'the service duration rounded up to 30 minutes' }),
  now: Type.Object({ available: Type.Boolean() }),
  slots: Type.Array(AvailabilitySlot),
});
export type Availability = Static<typeof Availability>;

export const TimeRange = Type.Object({ start: ClockTime, end: ClockTime }, { additionalProperties: false });
const DayRanges = Type.Array(TimeRange, { maxItems: 8 });

export const WeeklyPattern = Type.Object(
  {
    mon: DayRanges,
    tue: DayRanges,
    wed: DayRanges,
    thu: DayRanges,
    fri: DayRanges,
    sat: DayRanges,
    sun: DayRanges,
  },
  { additionalProperties: false },
);
export type WeeklyPattern = Static<typeof WeeklyPattern>;

export const PartnerScheduleInput = Type.Object(
  {
    weekly: WeeklyPattern,
    daysOff: Type.Array(LocalDate, { maxItems: 366, description: 'dates in the hub timezone' }),
  },
  { additionalProperties: false },
);
export type PartnerScheduleInput = Static<typeof PartnerScheduleInput>;

export const PartnerSchedule = Type.Object({
  partnerId: Type.String(),
  weekly: WeeklyPattern,
  daysOff: Type.Array(LocalDate),
  timezone: Type.Union([Type.String(), Type.Null()], { description: "the hub's, once booking knows it" }),
  updatedAt: Type.Union([Timestamp, Type.Null()], { description: 'null until the partner saves one' }),
});
export type PartnerSchedule = Static<typeof PartnerSchedule>;

export const PresenceInput = Type.Object(
  {
    online: Type.Boolean(),
    lat: Type.Optional(Type.Number({ minimum: -85.05112878, maximum: 85.05112878 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false, description: 'lat and lng are required when going online' },
);
export type PresenceInput = Static<typeof PresenceInput>;

export const PresenceView = Type.Object({
  partnerId: Type.String(),
  hubId: Type.String(),
  online: Type.Boolean(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lng: Type.Union([Type.Number(), Type.Null()]),
  lastSeenAt: Type.Union([Timestamp, Type.Null()]),
  isInHub: Type.Boolean(),
  freshForSeconds: Type.Integer({ description: 'send a heartbeat (the same PUT) more often than this' }),
});
export type PresenceView = Static<typeof PresenceView>;

export const AdminBookingQuery = Type.Object(
  {
    hubId: Type.Optional(ForeignId),
    status: Type.Optional(BookingStatus),
    date: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description: "YYYY-MM-DD: the day booked, in the hub's timezone",
      }),
    ),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'a booking id, or digits of the customer phone',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
export type AdminBookingQuery = Static<typeof AdminBookingQuery>;

export const AdminBookingRow = Type.Object({
  id: BookingId,
  status: BookingStatus,
  hubId: Type.String(),
  customerId: Type.String(),
  customerPhone: Type.Union([Type.String(), Type.Null()]),
  serviceId: Type.String(),
  serviceName: Type.String(),
  window: BookingWindowSchema,
  totalPaise: Paise,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AdminBookingRow = Static<typeof AdminBookingRow>;

export const BookingTimelineEntry = Type.Object({
  sequence: Type.Integer({ minimum: 1 }),
  eventId: Type.String(),
  type: Type.String(),
  occurredAt: Timestamp,
  actor: Type.Object({ kind: Type.String(), id: Type.String() }),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type BookingTimelineEntry = Static<typeof BookingTimelineEntry>;

export const BookingPaymentRecord = Type.Object({
  paymentId: Type.String(),
  orderId: Type.String(),
  status: Type.String({ description: 'captured, failed, refunded, partially_refunded, refund_failed' }),
  amountPaise: Paise,
  refundedPaise: Paise,
  method: Type.Union([Type.String(), Type.Null()]),
  razorpayPaymentId: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Timestamp,
});
export type BookingPaymentRecord = Static<typeof BookingPaymentRecord>;

export const AdminBookingDetail = Type.Object({
  booking: BookingView,
  customerPhone: Type.Union([Type.String(), Type.Null()]),
  partnerId: Type.String({ description: 'the partner whose time is held' }),
  timeline: Type.Array(BookingTimelineEntry),
  payments: Type.Array(BookingPaymentRecord),
});
export type AdminBookingDetail = Static<typeof AdminBookingDetail>;

const bookingOwner = { param: 'bookingId', resource: 'booking', roles: ['customer'] } as const;

export const bookingRoutes = {
  getAvailability: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/availability',
    summary: 'Whether a partner can be promised now, and the slots of a day, for a service at an address',
    access: rolesAccess('customer'),
    schema: { querystring: AvailabilityQuery, response: { 200: Availability } },
  }),
  placeHold: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/holds',
    summary: 'Hold a partner for now or a slot for a few minutes, with the price to pay',
    access: rolesAccess('customer'),
    idempotency: 'required',
    schema: { body: HoldRequest, response: { 201: BookingView } },
  }),
  getBooking: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/bookings/:bookingId',
    summary: 'One of your bookings (a hold is a booking in state held)',
    access: rolesAccess('customer', 'admin', 'ops'),
    owner: bookingOwner,
    schema: { params: Type.Object({ bookingId: BookingId }), response: { 200: BookingView } },
  }),
  cancelBooking: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/bookings/:bookingId/cancel',
    summary: 'Cancel a hold or a booking; a paid booking is refunded',
    access: rolesAccess('customer', 'admin'),
    owner: bookingOwner,
    idempotency: 'optional',
    schema: {
      params: Type.Object({ bookingId: BookingId }),
      body: Type.Object(
        { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) },
        { additionalProperties: false },
      ),
      response: { 200: BookingView },
    },
  }),
  listAdminBookings: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/admin/bookings',
    summary: 'All bookings, newest first: filter by hub, state and day; search by booking id or phone',
    access: rolesAccess('admin', 'ops'),
    schema: {
      querystring: AdminBookingQuery,
      response: {
        200: Type.Object({
          items: Type.Array(AdminBookingRow),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
      },
    },
  }),
  getAdminBooking: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/admin/bookings/:bookingId',
    summary: 'A booking with its event timeline and its payments',
    access: rolesAccess('admin', 'ops'),
    schema: { params: Type.Object({ bookingId: BookingId }), response: { 200: AdminBookingDetail } },
  }),
  getSchedule: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/partner/schedule',
    summary: 'Your weekly working pattern and days off',
    access: rolesAccess('partner'),
    schema: { response: { 200: PartnerSchedule } },
  }),
  putSchedule: defineRoute({
    service: 'booking',
    method: 'PUT',
    url: '/api/v1/partner/schedule',
    summary: 'Replace your weekly working pattern and days off',
    access: rolesAccess('partner'),
    schema: { body: PartnerScheduleInput, response: { 200: PartnerSchedule } },
  }),
  getPresence: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/partner/presence',
    summary: 'Whether you are online, as booking sees it',
    access: rolesAccess('partner'),
    schema: { response: { 200: PresenceView } },
  }),
  putPresence: defineRoute({
    service: 'booking',
    method: 'PUT',
    url: '/api/v1/partner/presence',
    summary: 'Go online (with your position; repeat as a heartbeat) or offline',
    access: rolesAccess('partner'),
    schema: { body: PresenceInput, response: { 200: PresenceView } },
  }),
};
