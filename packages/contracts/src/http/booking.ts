import { type Static, Type } from 'typebox';
import { rolesAccess } from '../access.ts';
import { JobExtraKind } from '../events/job.ts';
import { PriceBreakdownSchema } from './catalog.ts';
import { Paise, Timestamp } from './common.ts';
import { defineRoute } from './route.ts';

/** Ids minted by other services (catalog, locations, identity): opaque strings here. */
const ForeignId = Type.String({ minLength: 1, maxLength: 100 });
const BookingId = Type.String({ format: 'uuid' });
const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
  description: 'YYYY-MM-DD',
});
const ClockTime = Type.String({
  pattern: '^\\d{2}:\\d{2}$',
  maxLength: 5,
  description: 'HH:MM in the hub timezone, on a 15-minute grid; 24:00 ends a day',
});

export const BookingStatus = Type.Union(
  [
    Type.Literal('held'),
    Type.Literal('awaiting_payment'),
    Type.Literal('payment_failed'),
    Type.Literal('expired'),
    Type.Literal('confirmed'),
    Type.Literal('assigned'),
    Type.Literal('en_route'),
    Type.Literal('arrived'),
    Type.Literal('in_progress'),
    Type.Literal('awaiting_extra_payment'),
    Type.Literal('completed'),
    Type.Literal('rejected'),
    Type.Literal('cancelled'),
    Type.Literal('refunded'),
  ],
  {
    description:
      'held → awaiting_payment → confirmed (searching for a partner) → assigned (a partner has the job; back to confirmed if they cancel) → en_route (they said "On my way") → arrived (at the door) → in_progress (the start OTP matched; the timer runs) → completed (the end OTP matched), or awaiting_extra_payment first when the job ran past its included time; expired when the hold lapses unpaid; rejected when a payment arrived that could not become a booking (refunded automatically); cancelled (by the customer, the team, or the system when no partner was found); refunded',
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

/** What the customer is shown of the partner who has their job (as booking knew them when assigned). */
export const PartnerCard = Type.Object({
  name: Type.String(),
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'E.164, for the call button' }),
  rating: Type.Number({ minimum: 0, maximum: 5, description: "the partner's reputation, one decimal" }),
});
export type PartnerCard = Static<typeof PartnerCard>;

export const AssignedPartner = Type.Object({
  ...PartnerCard.properties,
  id: Type.String(),
  assignedAt: Timestamp,
  assignedBy: Type.Union([Type.Literal('partner'), Type.Literal('admin')], {
    description: 'the partner accepted the offer, or the team assigned them',
  }),
});
export type AssignedPartner = Static<typeof AssignedPartner>;

const HubTimeZone = Type.String({
  description: "the hub's IANA time zone (Asia/Kolkata): show the window in it, not in the reader's",
});

/** The server's timer: apps show elapsed time as the server's now minus `startedAt`, never their own count. */
/** The most extras a partner may propose on one job (declined ones count too). */
export const maxJobExtras = 10;

export const JobExtraStatus = Type.Union(
  [Type.Literal('proposed'), Type.Literal('approved'), Type.Literal('declined')],
  {
    description:
      'proposed: waiting for the customer; only approved extras are charged, and one still proposed when the job ends is not',
  },
);

/** An add-on or material the partner proposed during the job, and the customer's decision. */
export const JobExtra = Type.Object({
  extraId: Type.String({ format: 'uuid' }),
  kind: JobExtraKind,
  description: Type.String(),
  amountPaise: Type.Integer({
    minimum: 1,
    description: 'before GST, which is added at the end as on the price',
  }),
  status: JobExtraStatus,
  proposedAt: Timestamp,
  decidedAt: Type.Union([Timestamp, Type.Null()]),
});
export type JobExtra = Static<typeof JobExtra>;

export const JobTimer = Type.Object({
  startedAt: Timestamp,
  endedAt: Type.Union([Timestamp, Type.Null()], { description: 'null while the job runs' }),
  workedMinutes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'whole minutes between the server timestamps, fixed when the job ends',
  }),
  extraDuePaise: Paise,
  extraPaidPaise: Paise,
  extraPayableId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
    description: 'pay the extra time with an order for this id (POST /api/v1/payments/orders { holdId })',
  }),
  extras: Type.Array(JobExtra, { maxItems: maxJobExtras }),
});
export type JobTimer = Static<typeof JobTimer>;

export const BookingView = Type.Object({
  id: BookingId,
  status: BookingStatus,
  customerId: Type.String(),
  hubId: Type.String(),
  timeZone: HubTimeZone,
  serviceId: Type.String(),
  serviceName: Type.String(),
  addressId: Type.String(),
  window: BookingWindowSchema,
  price: BookingPriceSchema,
  holdExpiresAt: Timestamp,
  orderId: Type.Union([Type.String(), Type.Null()]),
  payment: Type.Union([BookingPaymentSchema, Type.Null()]),
  refundedPaise: Paise,
  cancelledBy: Type.Union(
    [Type.Literal('customer'), Type.Literal('admin'), Type.Literal('system'), Type.Null()],
    { description: 'who cancelled it (also once refunded); system: no partner was found in time' },
  ),
  partner: Type.Union([AssignedPartner, Type.Null()], {
    description: 'who has the job; null until assigned',
  }),
  job: Type.Union([JobTimer, Type.Null()], { description: 'null until the start OTP matched' }),
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
    paid: Type.Optional(
      Type.Boolean({
        description:
          'true: bookings paid for (confirmed, and later states reached after paying); false: holds never paid',
      }),
    ),
    date: Type.Optional(LocalDate),
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
  timeZone: HubTimeZone,
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

export const BookingEventsQuery = Type.Object(
  {
    after: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1_000_000,
        description: 'the last sequence seen; 0 (default): from the start',
      }),
    ),
  },
  { additionalProperties: false },
);

export const BookingEventPage = Type.Object({
  bookingId: Type.String({ format: 'uuid' }),
  items: Type.Array(BookingTimelineEntry, {
    maxItems: 100,
    description: "oldest first; a customer sees the booking's own events (booking.*), staff every row",
  }),
  hasMore: Type.Boolean({ description: 'ask again after the last item’s sequence' }),
});
export type BookingEventPage = Static<typeof BookingEventPage>;

/** Where a booking stands, for a live channel's watcher who cannot be caught up change by change. */
export const BookingSnapshot = Type.Object({
  sequence: Type.Integer({ minimum: 0, description: 'the timeline sequence it stands at: resume after it' }),
  status: BookingStatus,
  partner: BookingView.properties.partner,
});
export type BookingSnapshot = Static<typeof BookingSnapshot>;

export const BookingChangesPage = Type.Object({
  bookingId: Type.String({ format: 'uuid' }),
  items: Type.Array(BookingTimelineEntry, {
    maxItems: 100,
    description:
      "the booking's own events (booking.*) after the sequence, oldest first; a partner's from their assignment on",
  }),
  snapshot: Type.Union([BookingSnapshot, Type.Null()], {
    description:
      'instead of items: the watcher missed more changes than the replay limit, or named a sequence the booking has not reached',
  }),
});
export type BookingChangesPage = Static<typeof BookingChangesPage>;

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
  partnerId: Type.String({
    description: 'the partner whose time the hold took; `booking.partner` is who has the job',
  }),
  timeline: Type.Array(BookingTimelineEntry),
  payments: Type.Array(BookingPaymentRecord),
  refundablePaise: Type.Integer({
    minimum: 0,
    description:
      'what the team may still refund in part (captured, first payment and extra, less what was granted back); 0 for a booking not paid or closed',
  }),
  otp: Type.Union(
    [
      Type.Object({
        isLocked: Type.Boolean({ description: 'too many wrong codes: issue new ones to unlock' }),
        failedAttempts: Type.Integer({ minimum: 0, description: 'misses within the lockout window' }),
      }),
      Type.Null(),
    ],
    { description: 'the state of the start and end OTPs (never the codes); null before assignment' },
  ),
});
export type AdminBookingDetail = Static<typeof AdminBookingDetail>;

/** What cancelling now would refund, under the booking service's rule: shown before the customer confirms. */
export const CancellationQuote = Type.Object({
  bookingId: BookingId,
  rule: Type.Union(
    [Type.Literal('unpaid'), Type.Literal('free'), Type.Literal('fee'), Type.Literal('no_refund')],
    {
      description:
        'unpaid: nothing paid yet; free: no partner assigned; fee: a partner is assigned (or on the way, before the cut-off); no_refund: on the way past the cut-off, or at the door',
    },
  ),
  paidPaise: Paise,
  feePaise: Paise,
  refundPaise: Paise,
  text: Type.String({ description: 'the rule in words, as the app shows it' }),
});
export type CancellationQuote = Static<typeof CancellationQuote>;

const AdminReason = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' });

export const RefundChoice = Type.Union(
  [
    Type.Object({ kind: Type.Literal('full') }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('rule') }, { additionalProperties: false }),
    Type.Object(
      { kind: Type.Literal('custom'), amountPaise: Type.Integer({ minimum: 0, maximum: 100_000_000 }) },
      { additionalProperties: false },
    ),
  ],
  {
    description:
      "full: everything paid (the default); rule: what the customer's cancellation rule gives; custom: a sum up to what was paid",
  },
);
export type RefundChoice = Static<typeof RefundChoice>;

export const AdminCancelInput = Type.Object(
  { reason: AdminReason, refund: Type.Optional(RefundChoice) },
  { additionalProperties: false },
);
export type AdminCancelInput = Static<typeof AdminCancelInput>;

export const NoShowInput = Type.Object(
  {
    absent: Type.Union([Type.Literal('customer'), Type.Literal('partner')], {
      description:
        "customer: the partner was at the door and nobody came (the cancellation rule's refund); partner: they never came (everything back; counts against their reputation)",
    }),
    reason: AdminReason,
  },
  { additionalProperties: false },
);
export type NoShowInput = Static<typeof NoShowInput>;

/** A sum the team gives back of a booking that is not closed; `reason` is audited and on the timeline. */
export const AdminRefundInput = Type.Object(
  {
    amountPaise: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    reason: AdminReason,
  },
  { additionalProperties: false },
);
export type AdminRefundInput = Static<typeof AdminRefundInput>;

/**
 * The extra charge as the team sets it: lower than it is (0 waives it). Before it is paid, the customer owes
 * the new amount; once paid, the difference is refunded.
 */
export const AdminAdjustExtraInput = Type.Object(
  {
    amountPaise: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    reason: AdminReason,
  },
  { additionalProperties: false },
);
export type AdminAdjustExtraInput = Static<typeof AdminAdjustExtraInput>;

export const AdminHubDashboard = Type.Object({
  hubId: Type.String(),
  hubName: Type.String(),
  timeZone: HubTimeZone,
  today: LocalDate,
  bookingsToday: Type.Array(Type.Object({ status: BookingStatus, count: Type.Integer({ minimum: 1 }) }), {
    description: 'bookings whose window starts today in the hub, by state (states with none left out)',
  }),
  waitingForPartner: Type.Integer({
    minimum: 0,
    description: 'confirmed bookings starting today or earlier that no partner has taken yet',
  }),
  slaBreaches: Type.Integer({
    minimum: 0,
    description: 'bookings still waiting for a partner past their escalation deadline',
  }),
  partnersOnline: Type.Integer({ minimum: 0, description: 'online with a fresh heartbeat' }),
  partnersOnDuty: Type.Array(
    Type.Object({
      partnerId: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      lat: Type.Number(),
      lng: Type.Number(),
      lastSeenAt: Timestamp,
    }),
    {
      description: 'where each partner online with a fresh heartbeat (and a position) last was: the live map',
    },
  ),
  otpLocked: Type.Integer({
    minimum: 0,
    description: 'jobs whose codes were entered wrongly too often: an admin must reissue them',
  }),
});
export type AdminHubDashboard = Static<typeof AdminHubDashboard>;

export const AdminDashboard = Type.Object({ generatedAt: Timestamp, hubs: Type.Array(AdminHubDashboard) });
export type AdminDashboard = Static<typeof AdminDashboard>;

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
  bookingEvents: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/bookings/:bookingId/events',
    summary:
      'The booking’s events after a sequence number, oldest first: what a reconnecting app missed (resume from the last one it saw)',
    access: rolesAccess('customer', 'admin', 'ops'),
    owner: bookingOwner,
    schema: {
      params: Type.Object({ bookingId: BookingId }),
      querystring: BookingEventsQuery,
      response: { 200: BookingEventPage },
    },
  }),
  bookingChanges: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/bookings/:bookingId/changes',
    summary:
      'The booking’s state changes (booking events) after a sequence number, oldest first, or a snapshot when they are too many: who may watch its live channel (its customer, its partner while assigned, staff) and what a resuming channel missed',
    access: rolesAccess('customer', 'partner', 'admin', 'ops'),
    owner: { param: 'bookingId', resource: 'tracked-booking', roles: ['customer', 'partner'] },
    schema: {
      params: Type.Object({ bookingId: BookingId }),
      querystring: BookingEventsQuery,
      response: { 200: BookingChangesPage },
    },
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
  getCancellation: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/bookings/:bookingId/cancellation',
    summary: 'What cancelling now would refund and keep, with the rule in words (ask before confirming)',
    access: rolesAccess('customer', 'admin', 'ops'),
    owner: bookingOwner,
    schema: { params: Type.Object({ bookingId: BookingId }), response: { 200: CancellationQuote } },
  }),
  adminCancelBooking: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/admin/bookings/:bookingId/cancel',
    summary:
      'Cancel a booking with a chosen refund (in full unless said otherwise); audited, on the timeline',
    access: rolesAccess('admin'),
    idempotency: 'optional',
    schema: {
      params: Type.Object({ bookingId: BookingId }),
      body: AdminCancelInput,
      response: { 200: BookingView },
    },
  }),
  markNoShow: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/admin/bookings/:bookingId/no-show',
    summary: 'Record who did not turn up and cancel accordingly; audited, on the timeline',
    access: rolesAccess('admin'),
    idempotency: 'optional',
    schema: {
      params: Type.Object({ bookingId: BookingId }),
      body: NoShowInput,
      response: { 200: BookingView },
    },
  }),
  adminRefundBooking: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/admin/bookings/:bookingId/refunds',
    summary:
      'Refund part of what a paid booking that is not closed was paid (first payment, then extra); audited, on the timeline',
    access: rolesAccess('admin'),
    idempotency: 'required',
    schema: {
      params: Type.Object({ bookingId: BookingId }),
      body: AdminRefundInput,
      response: { 200: BookingView },
    },
  }),
  adminAdjustExtra: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/admin/bookings/:bookingId/extra',
    summary:
      'Lower or waive the extra charge of a finished job (refunding the difference if it was paid); audited, on the timeline',
    access: rolesAccess('admin'),
    idempotency: 'required',
    schema: {
      params: Type.Object({ bookingId: BookingId }),
      body: AdminAdjustExtraInput,
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
  getAdminDashboard: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/admin/dashboard',
    summary: "Each hub's day: bookings today by state, waiting for a partner, SLA breaches, partners online",
    access: rolesAccess('admin', 'ops'),
    schema: { response: { 200: AdminDashboard } },
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
