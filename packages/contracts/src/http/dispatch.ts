import { type Static, Type } from 'typebox';
import { rolesAccess } from '../access.ts';
import { OfferRejectReason, OfferWithdrawalReason } from '../events/dispatch.ts';
import { BookingStatus, BookingView, BookingWindowSchema } from './booking.ts';
import { Nullable, Paise, Timestamp, Uuid } from './common.ts';
import { defineRoute } from './route.ts';

/** Ids minted by other services (identity's partner ids, locations' hub ids): opaque strings here. */
const ForeignId = Type.String({ minLength: 1, maxLength: 100 });
const Reason = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' });
const HubTimeZone = Type.String({ description: "the hub's IANA time zone: show the window in it" });

export const OfferStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('accepted'),
  Type.Literal('rejected'),
  Type.Literal('expired'),
  Type.Literal('withdrawn'),
]);

/** A job offered to the partner, as their offer screen shows it. */
export const OfferView = Type.Object({
  offerId: Uuid,
  bookingId: Uuid,
  hubId: Type.String(),
  area: Type.String({ description: "the hub's name" }),
  serviceName: Type.String(),
  window: BookingWindowSchema,
  timeZone: HubTimeZone,
  earningPaise: Paise,
  distanceMeters: Type.Integer({ minimum: 0, description: 'from the partner to the address; 0 if unknown' }),
  sentAt: Timestamp,
  expiresAt: Type.String({ format: 'date-time', description: 'the countdown ends here (server clock)' }),
  status: OfferStatus,
  reason: Nullable(
    Type.Union([OfferRejectReason, OfferWithdrawalReason], { description: 'why rejected or withdrawn' }),
  ),
});
export type OfferView = Static<typeof OfferView>;

export const PartnerOffers = Type.Object({
  now: Type.String({ format: 'date-time', description: "the server's clock: count down from it" }),
  items: Type.Array(OfferView),
});
export type PartnerOffers = Static<typeof PartnerOffers>;

export const RejectOfferInput = Type.Object(
  { reason: OfferRejectReason, note: Type.Optional(Type.String({ maxLength: 300 })) },
  { additionalProperties: false },
);
export type RejectOfferInput = Static<typeof RejectOfferInput>;

/** A job the partner has (accepted or was assigned). */
export const PartnerJob = Type.Object({
  bookingId: Uuid,
  status: BookingStatus,
  hubId: Type.String(),
  area: Type.String(),
  serviceName: Type.String(),
  window: BookingWindowSchema,
  timeZone: HubTimeZone,
  earningPaise: Paise,
  location: Type.Union([Type.Object({ lat: Type.Number(), lng: Type.Number() }), Type.Null()], {
    description: "the customer's address pin",
  }),
  assignedAt: Timestamp,
  assignedBy: Type.Union([Type.Literal('partner'), Type.Literal('admin')]),
});
export type PartnerJob = Static<typeof PartnerJob>;

export const PartnerJobsQuery = Type.Object(
  {
    scope: Type.Optional(
      Type.Union([Type.Literal('upcoming'), Type.Literal('past')], {
        description: 'upcoming (default): window not over yet; past: the rest',
      }),
    ),
  },
  { additionalProperties: false },
);

export const PartnerJobs = Type.Object({ now: Timestamp, items: Type.Array(PartnerJob) });
export type PartnerJobs = Static<typeof PartnerJobs>;

export const AcceptedOffer = Type.Object({ offer: OfferView, job: PartnerJob });
export type AcceptedOffer = Static<typeof AcceptedOffer>;

export const CancelJobInput = Type.Object(
  { reason: Reason },
  { additionalProperties: false, description: 'why you back out; it counts against your reputation' },
);

export const ReleasedJob = Type.Object({ bookingId: Uuid, releasedAt: Timestamp });

export const OfferCounts = Type.Object({
  open: Type.Integer({ minimum: 0 }),
  rejected: Type.Integer({ minimum: 0 }),
  expired: Type.Integer({ minimum: 0 }),
  withdrawn: Type.Integer({ minimum: 0 }),
});

/** A booking waiting for a partner, with its SLA timers. */
export const DispatchQueueItem = Type.Object({
  bookingId: Uuid,
  hubId: Type.String(),
  area: Type.String(),
  customerId: Type.String(),
  serviceName: Type.String(),
  window: BookingWindowSchema,
  timeZone: HubTimeZone,
  wave: Type.Integer({ minimum: 0, description: 'waves sent so far' }),
  isPriority: Type.Boolean({ description: 'back in the queue after the assigned partner cancelled' }),
  isEscalated: Type.Boolean(),
  confirmedAt: Timestamp,
  escalateAt: Timestamp,
  giveUpAt: Type.String({ format: 'date-time', description: 'cancelled and refunded then if unassigned' }),
  escalatedAt: Nullable(Timestamp),
  offers: OfferCounts,
});
export type DispatchQueueItem = Static<typeof DispatchQueueItem>;

export const DispatchQueue = Type.Object({
  now: Timestamp,
  items: Type.Array(DispatchQueueItem, { description: 'priority first, then the nearest give-up time' }),
});
export type DispatchQueue = Static<typeof DispatchQueue>;

export const PartnerStanding = Type.Union(
  [
    Type.Literal('open'),
    Type.Literal('rejected'),
    Type.Literal('expired'),
    Type.Literal('withdrawn'),
    Type.Literal('assigned'),
    Type.Literal('dropped'),
  ],
  { description: "the partner's place in this booking's round" },
);

/** A partner who could take the job: approved, with the skill, free for the window. */
export const DispatchCandidate = Type.Object({
  partnerId: Type.String(),
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  reputation: Type.Number({ minimum: 0, maximum: 5 }),
  distanceMeters: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'null: position unknown',
  }),
  isOnline: Type.Boolean({ description: 'on duty with a fresh heartbeat' }),
  isScheduled: Type.Boolean({ description: 'working hours cover the window' }),
  openOffers: Type.Integer({ minimum: 0, description: 'open offers for other jobs' }),
  standing: Nullable(PartnerStanding),
});
export type DispatchCandidate = Static<typeof DispatchCandidate>;

export const DispatchCandidates = Type.Object({
  bookingId: Uuid,
  assignedPartnerId: Nullable(Type.String()),
  items: Type.Array(DispatchCandidate, { description: 'online first, then best reputation, then nearest' }),
});
export type DispatchCandidates = Static<typeof DispatchCandidates>;

export const AssignPartnerInput = Type.Object(
  {
    partnerId: ForeignId,
    reason: Reason,
    expectedPartnerId: Type.Union([ForeignId, Type.Null()], {
      description: 'who you saw assigned (null: nobody); refused if that changed meanwhile',
    }),
  },
  { additionalProperties: false },
);
export type AssignPartnerInput = Static<typeof AssignPartnerInput>;

export const ResentOffers = Type.Object({
  bookingId: Uuid,
  offered: Type.Integer({ minimum: 1, description: 'partners the job was sent to' }),
});

const offerOwner = { param: 'offerId', resource: 'offer', roles: ['partner'] } as const;
const bookingParams = Type.Object({ bookingId: Uuid });

/** Dispatch, a module of the booking service: offers, accepts, the partner's jobs, the admin queue. */
export const dispatchRoutes = {
  listOffers: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/partner/offers',
    summary: 'Your open job offers, with the server’s clock to count down from',
    access: rolesAccess('partner'),
    schema: { response: { 200: PartnerOffers } },
  }),
  acceptOffer: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/partner/offers/:offerId/accept',
    summary: 'Take the job: the first accept wins; a late one is refused (409 taken, 410 expired)',
    access: rolesAccess('partner'),
    owner: offerOwner,
    problems: [410],
    schema: { params: Type.Object({ offerId: Uuid }), response: { 200: AcceptedOffer } },
  }),
  rejectOffer: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/partner/offers/:offerId/reject',
    summary: 'Say no to an offer, with a reason',
    access: rolesAccess('partner'),
    owner: offerOwner,
    problems: [410],
    schema: { params: Type.Object({ offerId: Uuid }), body: RejectOfferInput, response: { 200: OfferView } },
  }),
  listJobs: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/partner/jobs',
    summary: 'Your jobs: upcoming (soonest first) or past',
    access: rolesAccess('partner'),
    schema: { querystring: PartnerJobsQuery, response: { 200: PartnerJobs } },
  }),
  cancelJob: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/partner/jobs/:bookingId/cancel',
    summary: 'Back out of a job you have: it goes back to dispatch first in line, and counts against you',
    access: rolesAccess('partner'),
    owner: { param: 'bookingId', resource: 'partner-job', roles: ['partner'] },
    idempotency: 'optional',
    schema: { params: bookingParams, body: CancelJobInput, response: { 200: ReleasedJob } },
  }),
  startJourney: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/partner/jobs/:bookingId/on-my-way',
    summary: '"On my way": the customer follows you from now on; a repeat changes nothing',
    access: rolesAccess('partner'),
    owner: { param: 'bookingId', resource: 'partner-job', roles: ['partner'] },
    schema: { params: bookingParams, response: { 200: PartnerJob } },
  }),
  confirmArrival: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/partner/jobs/:bookingId/arrived',
    summary: '"I have arrived", once you are on your way; a repeat changes nothing',
    access: rolesAccess('partner'),
    owner: { param: 'bookingId', resource: 'en-route-job', roles: ['partner'] },
    schema: { params: bookingParams, response: { 200: PartnerJob } },
  }),
  dispatchQueue: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/admin/dispatch/queue',
    summary: 'Bookings waiting for a partner, with their SLA timers and offers',
    access: rolesAccess('admin', 'ops'),
    schema: {
      querystring: Type.Object({ hubId: Type.Optional(ForeignId) }, { additionalProperties: false }),
      response: { 200: DispatchQueue },
    },
  }),
  listCandidates: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/admin/bookings/:bookingId/candidates',
    summary: 'The partners who could take a paid booking now: approved, with the skill, free then',
    access: rolesAccess('admin', 'ops'),
    schema: { params: bookingParams, response: { 200: DispatchCandidates } },
  }),
  assignPartner: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/admin/bookings/:bookingId/assign',
    summary: 'Assign or reassign a partner, with a reason (audited); the previous partner is released',
    access: rolesAccess('admin', 'ops'),
    idempotency: 'optional',
    schema: { params: bookingParams, body: AssignPartnerInput, response: { 200: BookingView } },
  }),
  resendOffers: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/admin/bookings/:bookingId/resend',
    summary: 'Send the job again to every eligible partner who has not said no',
    access: rolesAccess('admin', 'ops'),
    schema: { params: bookingParams, response: { 200: ResentOffers } },
  }),
};
