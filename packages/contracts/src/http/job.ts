import { type Static, Type } from 'typebox';
import { rolesAccess } from '../access.ts';
import { JobExtraKind, OtpKind } from '../events/job.ts';
import {
  BookingPaymentRecord,
  BookingStatus,
  BookingView,
  BookingWindowSchema,
  JobExtra,
  JobTimer,
} from './booking.ts';
import { Nullable, Paise, Timestamp, Uuid } from './common.ts';
import { defineRoute } from './route.ts';

const bookingParams = Type.Object({ bookingId: Uuid });
const customerBooking = { param: 'bookingId', resource: 'booking', roles: ['customer'] } as const;
const partnerJob = { param: 'bookingId', resource: 'partner-job', roles: ['partner'] } as const;
const Cursor = Type.String({ maxLength: 200, description: 'nextCursor of the previous page' });
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 });

export const OtpCode = Type.String({
  pattern: '^[0-9]{4,6}$',
  minLength: 4,
  maxLength: 6,
  description: '4 to 6 digits',
});

/** What the customer reads out to the partner. Only the booking's customer ever sees the codes. */
export const BookingOtps = Type.Object({
  bookingId: Uuid,
  start: Nullable(Type.Object({ code: OtpCode, isUsed: Type.Boolean() })),
  end: Nullable(Type.Object({ code: OtpCode, isUsed: Type.Boolean() })),
  isLocked: Type.Boolean({ description: 'too many wrong codes were entered; the team issues new ones' }),
});
export type BookingOtps = Static<typeof BookingOtps>;

export const SubmitOtpInput = Type.Object({ otp: OtpCode }, { additionalProperties: false });
export type SubmitOtpInput = Static<typeof SubmitOtpInput>;

/** The partner's view of the job they are doing: state and the server's timer, never the codes. */
export const JobProgress = Type.Object({
  bookingId: Uuid,
  status: BookingStatus,
  serverNow: Type.String({ format: 'date-time', description: "count elapsed time from the server's clock" }),
  job: Nullable(JobTimer),
});
export type JobProgress = Static<typeof JobProgress>;

export const ProposeExtraInput = Type.Object(
  {
    kind: JobExtraKind,
    description: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
    amountPaise: Type.Integer({ minimum: 100, maximum: 5_000_000, description: 'before GST: ₹1 to ₹50,000' }),
  },
  { additionalProperties: false },
);
export type ProposeExtraInput = Static<typeof ProposeExtraInput>;

const extraParams = Type.Object({ bookingId: Uuid, extraId: Uuid });

export const ReissueOtpInput = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const ReissuedOtp = Type.Object({ bookingId: Uuid, kind: OtpKind, reissuedAt: Timestamp });

export const RatingTag = Type.Union(
  [
    Type.Literal('on_time'),
    Type.Literal('professional'),
    Type.Literal('friendly'),
    Type.Literal('tidy'),
    Type.Literal('skilled'),
    Type.Literal('late'),
    Type.Literal('rude'),
    Type.Literal('messy'),
    Type.Literal('incomplete'),
  ],
  { description: 'what stood out' },
);

export const RatingInput = Type.Object(
  {
    stars: Type.Integer({ minimum: 1, maximum: 5 }),
    tags: Type.Optional(Type.Array(RatingTag, { maxItems: 5, uniqueItems: true })),
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' })),
  },
  { additionalProperties: false },
);
export type RatingInput = Static<typeof RatingInput>;

export const RatingView = Type.Object({
  bookingId: Uuid,
  by: Type.Union([Type.Literal('customer'), Type.Literal('partner')]),
  stars: Type.Integer({ minimum: 1, maximum: 5 }),
  tags: Type.Array(RatingTag),
  comment: Nullable(Type.String()),
  ratedAt: Timestamp,
});
export type RatingView = Static<typeof RatingView>;

export const MyBookingsQuery = Type.Object(
  {
    scope: Type.Union([Type.Literal('upcoming'), Type.Literal('past'), Type.Literal('cancelled')], {
      description:
        'upcoming: paid and not done yet; past: completed; cancelled: cancelled, rejected, refunded',
    }),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type MyBookingsQuery = Static<typeof MyBookingsQuery>;

export const MyBookings = Type.Object({
  items: Type.Array(BookingView),
  nextCursor: Nullable(Type.String()),
});
export type MyBookings = Static<typeof MyBookings>;

/** Everything a receipt shows: the price as booked, the extra time, each payment and refund. */
/** Who issues the receipt, for GST: the hub's registration, as its hub has it now. */
export const ReceiptIssuer = Type.Object({
  legalName: Type.String(),
  gstin: Type.String(),
  address: Type.String({ description: 'the registered address; its lines separated by newlines' }),
});
export type ReceiptIssuer = Static<typeof ReceiptIssuer>;

export const TaxInvoice = Type.Object({
  number: Type.String({
    maxLength: 16,
    description: 'SERIES/FY/SERIAL, e.g. KORA/2627/000123: consecutive per hub and financial year',
  }),
  financialYear: Type.String({ description: "India's financial year (April to March), e.g. 2026-27" }),
  sac: Type.String({ pattern: '^\\d{6}$', description: 'the Services Accounting Code of what was supplied' }),
  issuedAt: Type.String({ format: 'date-time', description: 'when the booking completed, or was cancelled' }),
  supply: Type.Union([Type.Literal('service'), Type.Literal('cancellation_fee')], {
    description:
      'service: the job done (its lines are the booking price and the extra); cancellation_fee: the fee kept when a paid booking was cancelled',
  }),
  cancellationFee: Type.Union(
    [
      Type.Object({
        pretaxPaise: Paise,
        taxRateBasisPoints: Type.Integer({ minimum: 0 }),
        taxPaise: Paise,
        totalPaise: Paise,
      }),
      Type.Null(),
    ],
    { description: "the fee kept, tax included, split at the booking's tax rate; null for a service" },
  ),
});
export type TaxInvoice = Static<typeof TaxInvoice>;

export const BookingReceipt = Type.Object({
  booking: BookingView,
  /**
   * null: the hub has no GSTIN, so this is a receipt, not a tax invoice. The tax line is in booking.price.
   * Once invoiced, the hub's registration as it was then; before, as it is now.
   */
  issuer: Nullable(ReceiptIssuer),
  /** Issued when the booking completes, or when a paid booking is cancelled with a fee kept; null before. */
  invoice: Nullable(TaxInvoice),
  extra: Nullable(
    Type.Object({
      workedMinutes: Type.Integer({ minimum: 0 }),
      includedMinutes: Nullable(Type.Integer({ minimum: 0 })),
      extraDuePaise: Paise,
      extraPaidPaise: Paise,
      approvedExtras: Type.Array(JobExtra, {
        description:
          'the add-ons and materials the customer approved, charged (plus GST) with the extra time',
      }),
    }),
  ),
  payments: Type.Array(BookingPaymentRecord),
  paidPaise: Paise,
  refundedPaise: Paise,
  myRating: Nullable(RatingView),
});
export type BookingReceipt = Static<typeof BookingReceipt>;

export const CompletedJob = Type.Object({
  bookingId: Uuid,
  serviceName: Type.String(),
  hubId: Type.String(),
  window: BookingWindowSchema,
  timeZone: Type.String(),
  startedAt: Timestamp,
  endedAt: Timestamp,
  workedMinutes: Type.Integer({ minimum: 0 }),
  earningPaise: Paise,
  rating: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
});
export type CompletedJob = Static<typeof CompletedJob>;

export const CompletedJobs = Type.Object({
  items: Type.Array(CompletedJob),
  nextCursor: Nullable(Type.String()),
});

const EarningBucket = Type.Object({
  period: Type.String({
    description: 'the day (YYYY-MM-DD) or the ISO week (YYYY-Www), in the hub time zone',
  }),
  jobs: Type.Integer({ minimum: 0 }),
  earningPaise: Paise,
});

export const PartnerEarnings = Type.Object({
  totalPaise: Paise,
  jobs: Type.Integer({ minimum: 0 }),
  byDay: Type.Array(EarningBucket, { description: 'the last 30 days with jobs, newest first' }),
  byWeek: Type.Array(EarningBucket, { description: 'the last 12 weeks with jobs, newest first' }),
});
export type PartnerEarnings = Static<typeof PartnerEarnings>;

export const PartnerRatings = Type.Object({
  average: Nullable(Type.Number({ minimum: 1, maximum: 5 })),
  count: Type.Integer({ minimum: 0 }),
  items: Type.Array(RatingView, { description: 'newest first, the last 50' }),
});
export type PartnerRatings = Static<typeof PartnerRatings>;

/** The job after assignment (a module of the booking service): OTPs, timer, completion, ratings, history. */
export const jobRoutes = {
  getOtps: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/bookings/:bookingId/otps',
    summary: 'The start and end codes to read out to your partner (yours only)',
    access: rolesAccess('customer'),
    owner: customerBooking,
    schema: { params: bookingParams, response: { 200: BookingOtps } },
  }),
  startJob: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/partner/jobs/:bookingId/start',
    summary: "Start the job with the customer's start OTP: the server's timer runs from now",
    access: rolesAccess('partner'),
    owner: partnerJob,
    problems: [423],
    schema: { params: bookingParams, body: SubmitOtpInput, response: { 200: JobProgress } },
  }),
  endJob: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/partner/jobs/:bookingId/end',
    summary: "End the job with the customer's end OTP: the timer stops; extra time is charged",
    access: rolesAccess('partner'),
    owner: partnerJob,
    problems: [423],
    schema: { params: bookingParams, body: SubmitOtpInput, response: { 200: JobProgress } },
  }),
  getJobProgress: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/partner/jobs/:bookingId/progress',
    summary: "A job of yours: its state and the server's timer",
    access: rolesAccess('partner'),
    owner: partnerJob,
    schema: { params: bookingParams, response: { 200: JobProgress } },
  }),
  proposeExtra: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/partner/jobs/:bookingId/extras',
    summary: 'Propose an add-on or material during the job: it is charged only if the customer approves it',
    access: rolesAccess('partner'),
    owner: partnerJob,
    idempotency: 'required',
    schema: { params: bookingParams, body: ProposeExtraInput, response: { 201: JobExtra } },
  }),
  approveExtra: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/bookings/:bookingId/extras/:extraId/approve',
    summary: "Approve your partner's proposed extra before the job ends: it is charged with the extra time",
    access: rolesAccess('customer'),
    owner: customerBooking,
    schema: { params: extraParams, response: { 200: JobExtra } },
  }),
  declineExtra: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/bookings/:bookingId/extras/:extraId/decline',
    summary: "Decline your partner's proposed extra: it is never charged",
    access: rolesAccess('customer'),
    owner: customerBooking,
    schema: { params: extraParams, response: { 200: JobExtra } },
  }),
  reissueOtp: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/admin/bookings/:bookingId/otp/reissue',
    summary: 'Issue a new code for the OTP the job needs next, lifting a lock (audited on the timeline)',
    access: rolesAccess('admin'),
    idempotency: 'optional',
    schema: { params: bookingParams, body: ReissueOtpInput, response: { 200: ReissuedOtp } },
  }),
  rateJob: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/bookings/:bookingId/rating',
    summary: 'Rate the partner of your completed booking, once',
    access: rolesAccess('customer'),
    owner: customerBooking,
    idempotency: 'optional',
    schema: { params: bookingParams, body: RatingInput, response: { 201: RatingView } },
  }),
  rateCustomer: defineRoute({
    service: 'booking',
    method: 'POST',
    url: '/api/v1/partner/jobs/:bookingId/rating',
    summary: 'Rate the customer of a job you completed, once',
    access: rolesAccess('partner'),
    owner: partnerJob,
    idempotency: 'optional',
    schema: { params: bookingParams, body: RatingInput, response: { 201: RatingView } },
  }),
  listMyBookings: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/me/bookings',
    summary: 'Your bookings: upcoming (soonest first), past or cancelled (newest first)',
    access: rolesAccess('customer'),
    schema: { querystring: MyBookingsQuery, response: { 200: MyBookings } },
  }),
  getReceipt: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/bookings/:bookingId/receipt',
    summary: 'A booking with its price breakdown, extra time, payments and refunds',
    access: rolesAccess('customer', 'admin', 'ops'),
    owner: customerBooking,
    schema: { params: bookingParams, response: { 200: BookingReceipt } },
  }),
  listCompletedJobs: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/partner/history',
    summary: 'Jobs you completed, newest first, with what you earned and how you were rated',
    access: rolesAccess('partner'),
    schema: {
      querystring: Type.Object(
        { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
        { additionalProperties: false },
      ),
      response: { 200: CompletedJobs },
    },
  }),
  getEarnings: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/partner/earnings',
    summary: 'What you earned from completed jobs, by day and by week',
    access: rolesAccess('partner'),
    schema: { response: { 200: PartnerEarnings } },
  }),
  getMyRatings: defineRoute({
    service: 'booking',
    method: 'GET',
    url: '/api/v1/partner/ratings',
    summary: 'Ratings customers gave you',
    access: rolesAccess('partner'),
    schema: { response: { 200: PartnerRatings } },
  }),
};
