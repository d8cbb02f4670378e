import { Type } from 'typebox';

/** Every job event names the booking, its customer and its hub, like the booking lifecycle's. */
const Ids = { bookingId: Type.String(), customerId: Type.String(), hubId: Type.String() };
const Timestamp = Type.String({ format: 'date-time' });

export const OtpKind = Type.Union([Type.Literal('start'), Type.Literal('end')], {
  description: 'start: the partner begins the job; end: the job is done',
});

export const JobExtraKind = Type.Union([Type.Literal('addon'), Type.Literal('material')], {
  description: 'addon: extra work beyond the service; material: something the partner supplied',
});

/** An extra the partner proposed; `amountPaise` is before GST (the end OTP adds GST as on the price). */
const ExtraIds = { ...Ids, partnerId: Type.String(), extraId: Type.String() };

/**
 * The job after assignment (services/booking/src/job and the booking decider decide them): the start and
 * end OTPs, the server's timer, completion and ratings. Codes never travel in events; `partnerId` is the
 * assigned partner.
 */
export const jobEvents = {
  /** A partner was assigned: the customer's app can show the new start and end codes. */
  'booking.otps_issued': {
    version: 1,
    data: Type.Object({ ...Ids, partnerId: Type.String() }),
  },
  /** A wrong OTP was entered; `failedAttempts` counts the booking's misses within the lockout window. */
  'booking.otp_rejected': {
    version: 1,
    data: Type.Object({
      ...Ids,
      partnerId: Type.String(),
      kind: OtpKind,
      failedAttempts: Type.Integer({ minimum: 1 }),
      rejectedAt: Timestamp,
    }),
  },
  /** Too many wrong OTPs: nobody can start or end the job until the team issues new codes. */
  'booking.otp_locked': {
    version: 1,
    data: Type.Object({ ...Ids, partnerId: Type.String(), kind: OtpKind, lockedAt: Timestamp }),
  },
  /** The team issued new codes (the customer's app shows them); the lock, if any, is lifted. */
  'booking.otp_reissued': {
    version: 1,
    data: Type.Object({ ...Ids, kind: OtpKind, reason: Type.String() }),
  },
  /** The start OTP matched: the server's timer runs from `startedAt`. */
  'booking.job_started': {
    version: 1,
    data: Type.Object({ ...Ids, partnerId: Type.String(), startedAt: Timestamp }),
  },
  /**
   * The end OTP matched: the timer stopped. `workedMinutes` is whole minutes from the server's two
   * timestamps; `extraDuePaise` is what the time beyond the service's included minutes costs (0: none).
   */
  'booking.job_ended': {
    version: 1,
    data: Type.Object({
      ...Ids,
      partnerId: Type.String(),
      startedAt: Timestamp,
      endedAt: Timestamp,
      workedMinutes: Type.Integer({ minimum: 0 }),
      extraDuePaise: Type.Integer({ minimum: 0 }),
      extraPayableId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
        description:
          "what the customer pays the extra through (payments' payable, the order's holdId); null: nothing due",
      }),
    }),
  },
  /**
   * The team lowered (or waived) the extra charge before it was paid, for `reason` (audited). The customer
   * now owes `extraDuePaise` through a new payable, `extraPayableId` (the old one, `previousPayableId`,
   * takes no more orders); 0 and null: nothing is owed and the booking completes at once.
   */
  'booking.extra_adjusted': {
    version: 1,
    data: Type.Object({
      ...Ids,
      previousDuePaise: Type.Integer({ minimum: 1 }),
      extraDuePaise: Type.Integer({ minimum: 0 }),
      previousPayableId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      extraPayableId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      reason: Type.String(),
      adjustedAt: Timestamp,
    }),
  },
  /** The partner proposed an add-on or material during the job: it counts only once the customer approves it. */
  'booking.extra_proposed': {
    version: 1,
    data: Type.Object({
      ...ExtraIds,
      kind: JobExtraKind,
      description: Type.String(),
      amountPaise: Type.Integer({ minimum: 1 }),
      proposedAt: Timestamp,
    }),
  },
  /** The customer approved a proposed extra: the end OTP charges it (plus GST) with the extra time. */
  'booking.extra_approved': {
    version: 1,
    data: Type.Object({ ...ExtraIds, amountPaise: Type.Integer({ minimum: 1 }), decidedAt: Timestamp }),
  },
  /** The customer declined a proposed extra: it is never charged. */
  'booking.extra_declined': {
    version: 1,
    data: Type.Object({ ...ExtraIds, amountPaise: Type.Integer({ minimum: 1 }), decidedAt: Timestamp }),
  },
  /** The job is done and paid for in full (any extra included): ratings open. */
  'booking.completed': {
    version: 1,
    data: Type.Object({
      ...Ids,
      partnerId: Type.String(),
      workedMinutes: Type.Integer({ minimum: 0 }),
      extraPaidPaise: Type.Integer({ minimum: 0 }),
      extraPayableId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      extraPayment: Type.Union(
        [Type.Object({ paymentId: Type.String(), orderId: Type.String() }), Type.Null()],
        {
          description:
            "the extra time's payment (the booking's second order); null when nothing extra was due",
        },
      ),
      completedAt: Timestamp,
    }),
  },
  /** A rating of a completed job: the customer's of the partner, or the partner's of the customer. */
  'booking.rated': {
    version: 1,
    data: Type.Object({
      ...Ids,
      partnerId: Type.String(),
      by: Type.Union([Type.Literal('customer'), Type.Literal('partner')]),
      stars: Type.Integer({ minimum: 1, maximum: 5 }),
    }),
  },
} as const;
