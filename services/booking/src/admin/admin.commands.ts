/**
 * The team's resolutions of a booking: cancel with a chosen refund, record a no-show, refund in part, adjust
 * an extra charge. Each is a command of the booking's decider (so its refund reaches payments as every
 * cancellation's does: a booking event through the outbox, refunded once per event) with an audit entry in
 * the same transaction.
 */
import type {
  AdminAdjustExtraInput,
  AdminRefundInput,
  BookingView,
  NoShowInput,
  Principal,
  RefundChoice,
} from '@zefy/contracts';
import { recordAudit, type Transaction } from '@zefy/platform';
import {
  adjustExtra,
  type CancelChoices,
  cancelIn,
  refundInPart,
  type TransitionResult,
} from '../booking/booking.commands.ts';
import { findBookingView } from '../booking/booking.repository.ts';
import { assigneeOf, refundableInPartOf } from '../booking/booking.ts';
import type { BookingDeps } from '../deps.ts';
import { countTowardsStanding } from '../dispatch/dispatch.repository.ts';

async function resolveByCancelling(
  deps: BookingDeps,
  bookingId: string,
  reason: string,
  choices: CancelChoices,
  admin: Principal,
): Promise<BookingView> {
  await deps.db.transaction(async (tx) => {
    const { before, booking, events } = await cancelIn(
      deps,
      tx,
      bookingId,
      reason,
      { kind: 'admin', id: admin.id },
      choices,
    );
    // a repeated submit changed nothing: nothing more to audit or count
    if (events.length === 0 || booking.status !== 'cancelled') return;
    const partnerId = assigneeOf(before);
    if (choices.noShow === 'partner' && partnerId)
      await countTowardsStanding(tx, partnerId, 'no_shows', deps.clock.now());
    await recordAudit(
      tx,
      {
        actor: admin,
        action: choices.noShow ? 'booking.no_show_recorded' : 'booking.cancelled',
        resourceType: 'booking',
        resourceId: bookingId,
        before: { status: before.status, partnerId },
        after: {
          status: booking.status,
          reason,
          refundDuePaise: booking.refundDuePaise,
          refund: choices.refund ?? null,
          noShow: choices.noShow ?? null,
        },
      },
      deps.clock,
    );
  });
  return findBookingView(deps.db.pool, bookingId);
}

/** The team cancels: everything paid comes back unless it chose the rule's refund or a sum. */
export const cancelByAdmin = (
  deps: BookingDeps,
  bookingId: string,
  input: { reason: string; refund?: RefundChoice },
  admin: Principal,
): Promise<BookingView> =>
  resolveByCancelling(
    deps,
    bookingId,
    input.reason.trim(),
    { refund: input.refund ?? { kind: 'full' } },
    admin,
  );

/** The team found someone absent: the booking is cancelled, refunded as the absence says. */
export const markNoShow = (
  deps: BookingDeps,
  bookingId: string,
  input: NoShowInput,
  admin: Principal,
): Promise<BookingView> =>
  resolveByCancelling(deps, bookingId, input.reason.trim(), { noShow: input.absent }, admin);

/** A resolution that changes the booking without closing it, audited with what it decided. */
async function resolveOpen(
  deps: BookingDeps,
  bookingId: string,
  action: string,
  admin: Principal,
  run: (tx: Transaction) => Promise<TransitionResult>,
): Promise<BookingView> {
  await deps.db.transaction(async (tx) => {
    const { before, booking, events } = await run(tx);
    await recordAudit(
      tx,
      {
        actor: admin,
        action,
        resourceType: 'booking',
        resourceId: bookingId,
        before: { status: before.status, refundablePaise: refundableInPartOf(before) },
        after: {
          status: booking.status,
          refundablePaise: refundableInPartOf(booking),
          events: events.map((event) => ({ type: event.type, data: event.data })),
        },
      },
      deps.clock,
    );
  });
  return findBookingView(deps.db.pool, bookingId);
}

/** The team gives back part of what an open booking was paid (its first payment, then its extra). */
export const refundBookingInPart = (
  deps: BookingDeps,
  bookingId: string,
  input: AdminRefundInput,
  admin: Principal,
): Promise<BookingView> =>
  resolveOpen(deps, bookingId, 'booking.refund_granted', admin, (tx) =>
    refundInPart(
      deps,
      tx,
      { bookingId, amountPaise: input.amountPaise, reason: input.reason.trim() },
      { kind: 'admin', id: admin.id },
    ),
  );

/** The team lowers or waives a job's extra charge; once paid, the difference is refunded. */
export const adjustExtraCharge = (
  deps: BookingDeps,
  bookingId: string,
  input: AdminAdjustExtraInput,
  admin: Principal,
): Promise<BookingView> =>
  resolveOpen(deps, bookingId, 'booking.extra_adjusted', admin, (tx) =>
    adjustExtra(
      deps,
      tx,
      { bookingId, amountPaise: input.amountPaise, reason: input.reason.trim() },
      { kind: 'admin', id: admin.id },
    ),
  );
