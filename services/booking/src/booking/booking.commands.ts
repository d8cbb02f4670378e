/**
 * The booking's application layer: load under a row lock, decide, save the booking, its timeline, its outbox
 * rows and its capacity claim in one transaction. Commands a customer or an admin issues open their own
 * transaction; facts from other services (payments) are applied in the consumer's transaction, with its inbox
 * row. Refusals throw AppError (problem+json at the HTTP edge).
 */
import type { Actor, BookingView } from '@zefy/contracts';
import {
  AppError,
  appendToOutbox,
  createEvent,
  type DomainEvent,
  decideOrThrow,
  newId,
  type Transaction,
} from '@zefy/platform';
import {
  type ClaimOptions,
  makeClaimPermanent,
  releaseClaims,
  takeClaim,
} from '../claims/claims.repository.ts';
import type { BookingDeps } from '../deps.ts';
import { issueInvoice, type Supply } from '../invoices/invoices.repository.ts';
import { addresses, findProjection } from '../projections/projections.repository.ts';
import type { Interval } from '../schedule/schedule.ts';
import {
  countUnpaidHoldsLocked,
  type LoadedBooking,
  lockBooking,
  lockBookingsUnlessBusy,
  lockCustomerHolds,
  lockLapsedHolds,
  lockOwnHoldsOfWindow,
  newBooking,
  saveBooking,
  toBookingView,
} from './booking.repository.ts';
import {
  type Booking,
  type BookingCommand,
  type BookingEvent,
  type BookingTerms,
  bookingDecider,
  type Destination,
  type ExistingBooking,
  holdsCapacity,
  isPendingHold,
} from './booking.ts';

/** Who acts when booking moves a booking itself (sweeper, a fact from another service). */
export const systemActor: Actor = { kind: 'system', id: 'booking' };

export interface TransitionResult {
  before: Booking;
  booking: ExistingBooking;
  events: DomainEvent[];
}

interface Issued {
  actor: Actor;
  now: Date;
  customerPhone?: string | null;
}

/** A booking keeps its partner's time while it holds capacity; once paid, the claim no longer lapses. */
async function keepClaimInStep(tx: Transaction, booking: ExistingBooking, now: Date): Promise<void> {
  const { bookingId } = booking.terms;
  if (!holdsCapacity(booking)) await releaseClaims(tx, bookingId, now);
  else if (!isPendingHold(booking)) await makeClaimPermanent(tx, bookingId);
}

/**
 * What a transition invoices, in its own transaction: the job once completed (paid in full, any extra
 * included), or the fee a cancellation kept from what was paid.
 */
function invoicedSupply(events: readonly BookingEvent[]): Supply | null {
  for (const event of events) {
    if (event.type === 'booking.completed') return { kind: 'service' };
    const feePaise = event.type === 'booking.cancelled' ? (event.data.feePaise ?? 0) : 0;
    if (feePaise > 0) return { kind: 'cancellation_fee', feePaise };
  }
  return null;
}

async function decideAndSave(
  tx: Transaction,
  before: LoadedBooking,
  command: BookingCommand,
  { actor, now, customerPhone = null }: Issued,
): Promise<TransitionResult> {
  const { state, events } = decideOrThrow(bookingDecider, command, before.state, { actor, now });
  if (state.status === 'none') throw new Error('a decided booking cannot be none');
  if (events.length === 0) return { before: before.state, booking: state, events: [] };
  const clock = { now: () => now };
  const envelopes = events.map((event) => createEvent(event.type, event.data, { actor, clock }));
  await saveBooking(tx, before, state, envelopes, { now, customerPhone });
  await keepClaimInStep(tx, state, now);
  const supply = invoicedSupply(events);
  if (supply) await issueInvoice(tx, state.terms, supply, now);
  return { before: before.state, booking: state, events: envelopes };
}

async function transition(
  deps: BookingDeps,
  tx: Transaction,
  bookingId: string,
  command: BookingCommand,
  actor: Actor = systemActor,
): Promise<TransitionResult> {
  return decideAndSave(tx, await lockBooking(tx, bookingId), command, { actor, now: deps.clock.now() });
}

async function expireAll(tx: Transaction, holds: readonly LoadedBooking[], now: Date): Promise<void> {
  for (const hold of holds)
    await decideAndSave(tx, hold, { type: 'ExpireHold' }, { actor: systemActor, now });
}

/** Claims taken at `now` first expire the lapsed holds in their way, so that time can be promised again. */
export const claimingAt = (now: Date): ClaimOptions => ({
  now,
  expireLapsedHolds: async (tx, bookingIds) =>
    expireAll(tx, await lockBookingsUnlessBusy(tx, bookingIds), now),
});

/** What a hold request resolved to (availability.queries.ts): the terms, and whom to try. */
export interface HoldPlan {
  bookingId: string;
  customerId: string;
  customerPhone: string | null;
  hubId: string;
  timeZone: string;
  serviceId: string;
  serviceName: string;
  addressId: string;
  kind: BookingTerms['window']['kind'];
  window: Interval;
  price: BookingTerms['price'];
  /** Partners to try, best first; each was free when availability was computed. */
  candidates: readonly string[];
}

/**
 * Claims the first candidate whose time is still free and places the hold on it, in one transaction,
 * unless the customer already has as many unpaid holds as allowed. The customer's own unpaid hold of the
 * same service, address and time is cancelled first (its time let go), in the same transaction. Answers the
 * hold as stored (created and updated at the placement's instant), with no read after the commit.
 */
export function placeHold(deps: BookingDeps, plan: HoldPlan): Promise<BookingView> {
  return deps.db.transaction(async (tx) => {
    // one instant for the whole placement: createdAt + TTL is exactly holdExpiresAt
    const now = deps.clock.now();
    const customer: Actor = { kind: 'customer', id: plan.customerId };
    // the customer's lock before their holds' rows: two placements of theirs at once would deadlock otherwise
    await lockCustomerHolds(tx, plan.customerId);
    // the customer's own unpaid hold of this time (a payment abandoned or failed, then "back" to pick the
    // time again) gives way to the new one, so it never blocks them
    for (const own of await lockOwnHoldsOfWindow(tx, plan, now))
      await decideAndSave(
        tx,
        own,
        { type: 'Cancel', reason: 'superseded by a new hold', policy: deps.settings.cancellation },
        { actor: customer, now },
      );
    const unpaidHolds = await countUnpaidHoldsLocked(tx, plan.customerId, now);
    const holdExpiresAt = new Date(now.getTime() + deps.settings.holdTtlSeconds * 1000);
    for (const partnerId of plan.candidates) {
      const isClaimed = await takeClaim(
        tx,
        {
          bookingId: plan.bookingId,
          partnerId,
          hubId: plan.hubId,
          window: plan.window,
          expiresAt: holdExpiresAt,
        },
        claimingAt(now),
      );
      if (!isClaimed) continue;
      const terms: BookingTerms = {
        bookingId: plan.bookingId,
        customerId: plan.customerId,
        hubId: plan.hubId,
        timeZone: plan.timeZone,
        serviceId: plan.serviceId,
        serviceName: plan.serviceName,
        addressId: plan.addressId,
        partnerId,
        window: {
          kind: plan.kind,
          startsAt: new Date(plan.window.start).toISOString(),
          endsAt: new Date(plan.window.end).toISOString(),
        },
        price: plan.price,
        holdExpiresAt: holdExpiresAt.toISOString(),
      };
      const placed = await decideAndSave(
        tx,
        newBooking(plan.bookingId),
        { type: 'PlaceHold', terms, unpaidHolds, maxUnpaidHolds: deps.settings.maxUnpaidHolds },
        { actor: customer, now, customerPhone: plan.customerPhone },
      );
      return toBookingView(placed.booking, { createdAt: now, updatedAt: now });
    }
    throw new AppError(
      'BOOKING.NO_CAPACITY',
      'Every partner for this window has just been taken; pick another',
    );
  });
}

/** An admin's say in a cancellation: the refund chosen, or a no-show found (booking.ts decideCancel). */
export type CancelChoices = Pick<Extract<BookingCommand, { type: 'Cancel' }>, 'refund' | 'noShow'>;

/** A cancellation under the service's cancellation rule, in the caller's transaction. */
export const cancelIn = (
  deps: BookingDeps,
  tx: Transaction,
  bookingId: string,
  reason: string,
  actor: Actor,
  choices: CancelChoices = {},
): Promise<TransitionResult> =>
  transition(
    deps,
    tx,
    bookingId,
    { type: 'Cancel', reason, policy: deps.settings.cancellation, ...choices },
    actor,
  );

export const cancelBooking = (
  deps: BookingDeps,
  bookingId: string,
  reason: string,
  actor: Actor,
): Promise<TransitionResult> => deps.db.transaction((tx) => cancelIn(deps, tx, bookingId, reason, actor));

/** A command's fields, and the booking it is for. */
type CommandFor<T extends BookingCommand['type']> = Omit<Extract<BookingCommand, { type: T }>, 'type'> & {
  bookingId: string;
};

/** The payments service opened an order for the hold (`customerId`: whom for). */
export const startPayment = (
  deps: BookingDeps,
  tx: Transaction,
  { bookingId, ...order }: CommandFor<'StartPayment'>,
): Promise<TransitionResult> => transition(deps, tx, bookingId, { type: 'StartPayment', ...order });

/**
 * One payment attempt failed: the hold lets its time go and stops counting against the customer's unpaid
 * holds, so they can book again at once; a retry on the same order still confirms while the time is free.
 */
export const failPayment = (
  deps: BookingDeps,
  tx: Transaction,
  { bookingId, ...failure }: CommandFor<'FailPayment'>,
): Promise<TransitionResult> => transition(deps, tx, bookingId, { type: 'FailPayment', ...failure });

/** A refund reached the customer. */
export const recordRefund = (
  deps: BookingDeps,
  tx: Transaction,
  { bookingId, ...refund }: CommandFor<'RecordRefund'>,
): Promise<TransitionResult> => transition(deps, tx, bookingId, { type: 'RecordRefund', ...refund });

/**
 * A partner has the job: dispatch's accept (as the system) or the team's choice (`actor`: the admin), on the
 * booking dispatch has already locked (`lockBooking`).
 */
export const assignPartner = (
  tx: Transaction,
  booking: LoadedBooking,
  { bookingId: _locked, ...assignment }: CommandFor<'AssignPartner'>,
  issued: { actor: Actor; now: Date },
): Promise<TransitionResult> => decideAndSave(tx, booking, { type: 'AssignPartner', ...assignment }, issued);

/** The assigned partner backed out: the booking searches for a partner again. */
export const releasePartner = (
  deps: BookingDeps,
  tx: Transaction,
  { bookingId, ...release }: CommandFor<'ReleasePartner'>,
): Promise<TransitionResult> => transition(deps, tx, bookingId, { type: 'ReleasePartner', ...release });

/** The address pin the partner heads to, as the address projection knows it (null: no pin yet). */
async function destinationOf(tx: Transaction, booking: Booking): Promise<Destination | null> {
  if (booking.status === 'none') return null;
  const address = await findProjection(tx, addresses, booking.terms.addressId);
  return address?.lat == null || address.lng == null ? null : { lat: address.lat, lng: address.lng };
}

/** "On my way": the assigned partner sets out for the customer's address. */
export const startJourney = (
  deps: BookingDeps,
  bookingId: string,
  partnerId: string,
): Promise<TransitionResult> =>
  deps.db.transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    const destination = await destinationOf(tx, booking.state);
    return decideAndSave(
      tx,
      booking,
      { type: 'StartJourney', destination },
      { actor: { kind: 'partner', id: partnerId }, now: deps.clock.now() },
    );
  });

/** "I have arrived", from the partner (`actor`), or tracking's arrival by distance (the system). */
export const confirmArrival = (
  deps: BookingDeps,
  tx: Transaction,
  bookingId: string,
  actor: Actor,
): Promise<TransitionResult> =>
  transition(
    deps,
    tx,
    bookingId,
    { type: 'ConfirmArrival', detectedBy: actor.kind === 'partner' ? 'partner' : 'position' },
    actor,
  );

/** The assigned partner starts the job (its start OTP matched): the server's timer runs from now. */
export const startJob = (
  deps: BookingDeps,
  tx: Transaction,
  { bookingId, ...start }: CommandFor<'StartJob'>,
  actor: Actor,
): Promise<TransitionResult> => transition(deps, tx, bookingId, { type: 'StartJob', ...start }, actor);

/** The end OTP matched: the timer stops; the job completes unless extra time is to be paid. */
export const endJob = (
  deps: BookingDeps,
  tx: Transaction,
  { bookingId, ...end }: CommandFor<'EndJob'>,
  actor: Actor,
): Promise<TransitionResult> => transition(deps, tx, bookingId, { type: 'EndJob', ...end }, actor);

/** A verified payment of the booking's extra time (its second order). */
export const captureExtraPayment = (
  deps: BookingDeps,
  tx: Transaction,
  { bookingId, ...payment }: CommandFor<'CaptureExtraPayment'>,
): Promise<TransitionResult> => transition(deps, tx, bookingId, { type: 'CaptureExtraPayment', ...payment });

/** The team gives back part of what the booking was paid, in the caller's transaction. */
export const refundInPart = (
  deps: BookingDeps,
  tx: Transaction,
  { bookingId, ...refund }: CommandFor<'RefundPart'>,
  actor: Actor,
): Promise<TransitionResult> => transition(deps, tx, bookingId, { type: 'RefundPart', ...refund }, actor);

/** The team lowers or waives the extra charge (a fresh payable for what is still owed), in the caller's transaction. */
export const adjustExtra = (
  deps: BookingDeps,
  tx: Transaction,
  { bookingId, ...adjustment }: Omit<CommandFor<'AdjustExtra'>, 'extraPayableId'>,
  actor: Actor,
): Promise<TransitionResult> =>
  transition(deps, tx, bookingId, { type: 'AdjustExtra', ...adjustment, extraPayableId: newId() }, actor);

/** The partner proposes an extra, or the customer decides one, in the caller's transaction. */
export const changeExtras = (
  deps: BookingDeps,
  tx: Transaction,
  bookingId: string,
  command: Extract<BookingCommand, { type: 'ProposeExtra' | 'DecideExtra' }>,
  actor: Actor,
): Promise<TransitionResult> => transition(deps, tx, bookingId, command, actor);

/** The system cancels a paid booking (dispatch gave up): everything paid is refunded. */
export const cancelBySystem = (
  deps: BookingDeps,
  tx: Transaction,
  bookingId: string,
  reason: string,
): Promise<TransitionResult> => cancelIn(deps, tx, bookingId, reason, systemActor);

/** A verified payment (`customerId`: who paid, the customer the order was opened for). */
export type CapturedPaymentFact = Omit<CommandFor<'CapturePayment'>, 'hasCapacity'>;

/**
 * Whether the partner's time is still held for the booking, or, after the hold expired or its payment
 * failed (both let the time go), could be taken again.
 */
async function hasCapacityFor(tx: Transaction, booking: ExistingBooking, now: Date): Promise<boolean> {
  if (booking.status !== 'expired' && booking.status !== 'payment_failed') return holdsCapacity(booking);
  const { terms } = booking;
  const window = { start: Date.parse(terms.window.startsAt), end: Date.parse(terms.window.endsAt) };
  if (window.end <= now.getTime()) return false;
  return takeClaim(
    tx,
    { bookingId: terms.bookingId, partnerId: terms.partnerId, hubId: terms.hubId, window, expiresAt: null },
    claimingAt(now),
  );
}

/**
 * A verified payment for the booking: confirms it if the partner's time is still (or again) held for it,
 * otherwise records the payment as rejected so it is refunded. Money for a hold never placed goes back too
 * (null: there is no booking).
 */
export async function capturePayment(
  deps: BookingDeps,
  tx: Transaction,
  payment: CapturedPaymentFact,
): Promise<TransitionResult | null> {
  const now = deps.clock.now();
  const booking = await lockBooking(tx, payment.bookingId);
  if (booking.state.status === 'none') {
    deps.logger.warn(
      { paymentId: payment.paymentId, holdId: payment.bookingId },
      'payment captured for an unknown hold',
    );
    await appendToOutbox(tx, [
      createEvent(
        'booking.payment_rejected',
        { ...payment, hubId: '', reason: 'booking_closed' },
        { actor: systemActor, clock: deps.clock },
      ),
    ]);
    return null;
  }
  const hasCapacity = await hasCapacityFor(tx, booking.state, now);
  return decideAndSave(
    tx,
    booking,
    { type: 'CapturePayment', ...payment, hasCapacity },
    { actor: systemActor, now },
  );
}

const sweepBatch = 100;

/** Expires up to one batch of lapsed unpaid holds; returns how many. Safe to run on every instance at once. */
export function expireLapsedHolds(deps: BookingDeps): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const lapsed = await lockLapsedHolds(tx, now, sweepBatch);
    await expireAll(tx, lapsed, now);
    return lapsed.length;
  });
}

/**
 * The hold sweeper's run: expires every lapsed unpaid hold, a batch per transaction, emitting
 * `booking.hold_expired` for each. Queries already treat a lapsed hold as free; this makes it official and
 * tells the customer.
 */
export async function sweepLapsedHolds(deps: BookingDeps): Promise<void> {
  for (;;) if ((await expireLapsedHolds(deps)) < sweepBatch) return;
}
