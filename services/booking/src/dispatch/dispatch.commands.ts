/**
 * Dispatch's application layer: lock the round, decide, and apply what was decided everywhere in one
 * transaction (the round row, its offers, the partners' standing, the booking's timeline, the outbox). The
 * round's row lock serialises everything that changes one job (accepts, the team's assignments, the tick);
 * an accept or an assignment also moves the booking and its capacity claim in that transaction. Locks are
 * taken rounds first (in booking order), then the booking.
 */
import type { Actor, AssignPartnerInput, PartnerCard, Principal, RejectOfferInput } from '@zefy/contracts';
import {
  AppError,
  createEvent,
  type DomainEvent,
  decideOrThrow,
  newId,
  recordAudit,
  type Sql,
  type Transaction,
  withLease,
} from '@zefy/platform';
import { assertNever, type DecideContext } from '@zefy/platform/domain';
import {
  assignPartner,
  cancelBySystem,
  claimingAt,
  releasePartner,
  systemActor,
} from '../booking/booking.commands.ts';
import { appendTimeline, lockBooking, type TimelineEntry } from '../booking/booking.repository.ts';
import { isLive } from '../booking/booking.ts';
import { moveClaim } from '../claims/claims.repository.ts';
import type { BookingDeps } from '../deps.ts';
import { findProjection, hubs } from '../projections/projections.repository.ts';
import { isOnTimeline, toWireEvent } from './dispatch.events.ts';
import { readPool } from './dispatch.queries.ts';
import {
  countTowardsStanding,
  earliestOpenAcceptUntil,
  expireOffers,
  findOffer,
  findPartnerWithStanding,
  insertOffers,
  type LoadedRound,
  listLapsedOffers,
  listOpenOfferBookings,
  lockDueRound,
  lockRound,
  lockRounds,
  lockRoundsOfOffer,
  makeHubRoundsDue,
  rejectOffer as recordRejection,
  saveRound,
  takeOffer,
  withdrawOffers,
} from './dispatch.repository.ts';
import { type DispatchCommand, type DispatchEvent, type DispatchState, dispatchDecider } from './dispatch.ts';
import { nextCheckOf } from './due.ts';
import {
  type OfferAnswered,
  type OfferCommand,
  type OfferEvent,
  type OfferState,
  offerDecider,
  offersIn,
} from './offer.ts';
import { waveCandidates } from './pool.ts';
import { reputationOf } from './reputation.ts';

/** A round being decided on: its state so far, and every event decided in this transaction. */
interface Step {
  state: DispatchState;
  events: DispatchEvent[];
}

const roundDecider = (deps: BookingDeps) => dispatchDecider(deps.settings.dispatch);

const startingFrom = (round: LoadedRound): Step => ({ state: round.state, events: [] });

/** Decides `command` on the round as it stands after `step`; a refusal is thrown (problem+json). */
function then(deps: BookingDeps, step: Step, command: DispatchCommand, context: DecideContext): Step {
  const { state, events } = decideOrThrow(roundDecider(deps), command, step.state, context);
  return { state, events: [...step.events, ...events] };
}

const isAnswer = (event: OfferEvent): event is OfferAnswered =>
  event.type === 'dispatch.offer_accepted' ||
  event.type === 'dispatch.offer_rejected' ||
  event.type === 'dispatch.offer_expired';

/** Decides a partner's answer (or an expiry) on one offer; the round folds it as one of its own events. */
function answer(
  deps: BookingDeps,
  step: Step,
  offer: OfferState,
  command: OfferCommand,
  context: DecideContext,
): Step {
  const answers = decideOrThrow(offerDecider, command, offer, context).events.filter(isAnswer);
  return {
    state: answers.reduce(roundDecider(deps).evolve, step.state),
    events: [...step.events, ...answers],
  };
}

/** The next wave, if one is due, to the partners eligible now. */
async function sendNextWave(deps: BookingDeps, tx: Transaction, step: Step, context: DecideContext) {
  if (step.state.status !== 'offering') return step;
  const pool = await readPool(deps, tx, step.state.job, context.now, 'wave');
  const candidates = waveCandidates(pool.partners, pool.view, newId);
  return then(deps, step, { type: 'SendNextWave', candidates }, context);
}

/** What a round's events change besides the round row: its offers, and the partners' standing. */
async function applyToOffersAndStanding(tx: Transaction, events: readonly DispatchEvent[], now: Date) {
  const expired: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'dispatch.offers_sent':
        await insertOffers(
          tx,
          offersIn(event).map((offer) => offer.data),
        );
        break;
      case 'dispatch.offers_withdrawn':
        await withdrawOffers(tx, event.data, now);
        break;
      case 'dispatch.offer_rejected':
        await recordRejection(tx, event.data, now);
        break;
      case 'dispatch.offer_expired':
        expired.push(event.data.offerId);
        break;
      case 'dispatch.partner_assigned':
        await countTowardsStanding(tx, event.data.partnerId, 'accepted_jobs', now);
        break;
      case 'dispatch.partner_cancelled':
        await countTowardsStanding(tx, event.data.partnerId, 'cancellations_after_accept', now);
        break;
      // the accept's conditional write has taken the offer
      case 'dispatch.offer_accepted':
      case 'dispatch.started':
      case 'dispatch.partner_released':
      case 'dispatch.requeued':
      case 'dispatch.escalated':
      case 'dispatch.gave_up':
      case 'dispatch.closed':
        break;
      default:
        assertNever(event);
    }
  }
  // a round offered to a thousand partners expires their offers together: one statement
  await expireOffers(tx, expired, now);
}

/**
 * Applies what was decided on a locked round, in the caller's transaction: offers and standing, the
 * booking's timeline, the outbox (wire events only), and the round row with when the tick must look at it
 * again (moved even without events: what was due has been handled).
 */
async function persist(
  deps: BookingDeps,
  tx: Transaction,
  before: LoadedRound,
  { state, events }: Step,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (state.status === 'none') return;
  await applyToOffersAndStanding(tx, events, now);
  const clock = { now: () => now };
  const published: DomainEvent[] = [];
  const timeline: TimelineEntry[] = events.filter(isOnTimeline).map((event) => {
    const wire = toWireEvent(event);
    if (!wire)
      return { id: newId(), type: event.type, data: event.data, actor, occurredAt: now.toISOString() };
    const envelope = createEvent(wire.type, wire.data, { actor, clock }) as DomainEvent;
    published.push(envelope);
    return envelope;
  });
  await appendTimeline(tx, before.bookingId, timeline, published);
  // only an offering round has offers left to wait for
  const earliest = state.status === 'offering' ? await earliestOpenAcceptUntil(tx, before.bookingId) : null;
  await saveRound(
    tx,
    before,
    state,
    events.length,
    nextCheckOf(state, earliest, now, deps.settings.dispatch),
    now,
  );
}

/**
 * The booking is confirmed: its round starts, and its first wave goes out in the same transaction (the
 * consumer's). A booking cancelled meanwhile gets no round.
 */
export async function startRound(
  deps: BookingDeps,
  tx: Transaction,
  bookingId: string,
  confirmedAt: string,
): Promise<void> {
  const round = await lockRound(tx, bookingId);
  if (round.state.status !== 'none') return;
  const booking = (await lockBooking(tx, bookingId)).state;
  if (booking.status !== 'confirmed') return;
  const { terms } = booking;
  const hub = await findProjection(tx, hubs, terms.hubId);
  const context = { actor: systemActor, now: deps.clock.now() };
  const started = then(
    deps,
    startingFrom(round),
    {
      type: 'Start',
      job: {
        bookingId,
        customerId: terms.customerId,
        hubId: terms.hubId,
        area: hub?.name ?? 'your area',
        serviceName: terms.serviceName,
        window: terms.window,
        timeZone: terms.timeZone,
        confirmedAt,
        pretaxPaise: terms.price.pretaxPaise,
      },
    },
    context,
  );
  await persist(deps, tx, round, await sendNextWave(deps, tx, started, context), systemActor, context.now);
}

/** The booking was cancelled (by anyone): open offers are withdrawn, an assigned partner is released. */
export async function closeRound(deps: BookingDeps, tx: Transaction, bookingId: string, actor: Actor) {
  const round = await lockRound(tx, bookingId);
  const now = deps.clock.now();
  await persist(
    deps,
    tx,
    round,
    then(deps, startingFrom(round), { type: 'Close' }, { actor, now }),
    actor,
    now,
  );
}

/** Cancels the booking for the system, unless it was cancelled meanwhile (its own consumer closes the round). */
async function giveUp(deps: BookingDeps, tx: Transaction, bookingId: string): Promise<void> {
  if (isLive((await lockBooking(tx, bookingId)).state))
    await cancelBySystem(deps, tx, bookingId, 'no_partner_found');
}

/** One due round: expire the offers whose time is over, escalate or give up, and send the next wave. */
async function tickRound(deps: BookingDeps, tx: Transaction, round: LoadedRound, now: Date): Promise<void> {
  const context = { actor: systemActor, now };
  let step = startingFrom(round);
  for (const offer of await listLapsedOffers(tx, round.bookingId, now))
    step = answer(deps, step, offer, { type: 'Expire' }, context);
  step = then(deps, step, { type: 'CheckDeadlines' }, context);
  if (step.events.some((event) => event.type === 'dispatch.gave_up')) await giveUp(deps, tx, round.bookingId);
  await persist(deps, tx, round, await sendNextWave(deps, tx, step, context), systemActor, now);
}

/**
 * The dispatch tick's run: every round due now, one transaction each. `SKIP LOCKED` hands each round to one
 * instance; a round that fails is logged and left to the next run, so it cannot stall the others.
 */
export async function tickDueRounds(deps: BookingDeps, signal: AbortSignal): Promise<void> {
  const handled: string[] = [];
  while (!signal.aborted) {
    const before = handled.length;
    try {
      await deps.db.transaction(async (tx) => {
        const now = deps.clock.now();
        const round = await lockDueRound(tx, now, handled);
        if (!round) return;
        handled.push(round.bookingId);
        await tickRound(deps, tx, round, now);
      });
    } catch (error) {
      if (handled.length === before) throw error;
      deps.logger.error({ err: error, bookingId: handled.at(-1) }, 'dispatch round tick failed');
    }
    if (handled.length === before) return;
  }
}

/** What the customer is shown of the partner: their name, photo and phone as booking knows them, and rating. */
async function partnerCard(deps: BookingDeps, sql: Sql, partnerId: string): Promise<PartnerCard> {
  const { name, photoUrl, phone, standing } = await findPartnerWithStanding(sql, partnerId);
  return {
    name: name ?? 'Your partner',
    photoUrl,
    phone,
    rating: Math.round(reputationOf(standing.record, deps.settings.dispatch) * 10) / 10,
  };
}

/**
 * Gives the paid booking to the partner and moves its capacity claim to them, in the caller's transaction,
 * locking the booking once; the exclusion constraint refuses a partner busy then (PARTNER_BUSY, and
 * everything rolls back).
 */
async function assignBooking(
  deps: BookingDeps,
  tx: Transaction,
  assignment: {
    bookingId: string;
    partnerId: string;
    assignedBy: 'partner' | 'admin';
    reason: string | null;
  },
  actor: Actor,
  now: Date,
): Promise<void> {
  const { bookingId, partnerId } = assignment;
  const booking = await lockBooking(tx, bookingId);
  if (!isLive(booking.state)) throw new AppError('DISPATCH.JOB_CANCELLED', 'The booking has been cancelled');
  const partner = await partnerCard(deps, tx, partnerId);
  await assignPartner(tx, booking, { ...assignment, partner }, { actor, now });
  if (!(await moveClaim(tx, bookingId, partnerId, claimingAt(now))))
    throw new AppError('DISPATCH.PARTNER_BUSY', 'The partner already has a job at that time');
}

/** A lease per partner: one accept in flight at a time, far longer than an accept's transaction takes. */
const acceptLeaseMs = 10_000;
const acceptLease = (partnerId: string) => `dispatch:accept:${partnerId}`;

const notYours = () => new AppError('DISPATCH.OFFER_NOT_FOUND', 'You have no such offer');

/**
 * The partner takes the job, first accept wins: with their lease (one accept at a time), in one transaction
 * under the round's lock: the offer decider, the round's Accept, the conditional write of the offer, the
 * booking's assignment and the claim's move; every other open offer of the job is withdrawn, and the
 * partner's own open offers overlapping this job's time too. Returns the job's booking id.
 */
export async function acceptOffer(deps: BookingDeps, offerId: string, partnerId: string): Promise<string> {
  const leased = await withLease(deps.cache, acceptLease(partnerId), acceptLeaseMs, () =>
    deps.db.transaction((tx) => acceptInTransaction(deps, tx, offerId, partnerId)),
  );
  if (!leased.acquired)
    throw new AppError(
      'DISPATCH.PARTNER_BUSY',
      'Another accept of yours is in progress; try again in a moment',
    );
  return leased.value;
}

async function acceptInTransaction(
  deps: BookingDeps,
  tx: Transaction,
  offerId: string,
  partnerId: string,
): Promise<string> {
  const now = deps.clock.now();
  const actor: Actor = { kind: 'partner', id: partnerId };
  const locked = await lockRoundsOfOffer(tx, { offerId, partnerId }, true);
  if (!locked) throw notYours();
  const { round, others } = locked;
  const { bookingId } = round;
  const context = { actor, now };
  // under the round's lock, the conditional write sees the offer as it is: taken, or read again to say why not
  const taken = await takeOffer(tx, { offerId, partnerId }, now);
  if (!taken) {
    const offer = await findOffer(tx, offerId);
    if (!offer) throw notYours();
    // throws the offer's refusal, unless the same partner accepts again: the job is already theirs
    if (answer(deps, startingFrom(round), offer, { type: 'Accept' }, context).events.length === 0)
      return bookingId;
    throw new AppError('DISPATCH.OFFER_TAKEN', 'Another partner has taken this job');
  }
  const accepted = answer(deps, startingFrom(round), taken, { type: 'Accept' }, context);
  const assigned = then(deps, accepted, { type: 'Accept', offerId }, context);
  await assignBooking(
    deps,
    tx,
    { bookingId, partnerId, assignedBy: 'partner', reason: null },
    systemActor,
    now,
  );
  await persist(deps, tx, round, assigned, actor, now);
  const busy = { actor: systemActor, now };
  for (const other of others) {
    const unavailable: DispatchCommand = { type: 'PartnerUnavailable', partnerId, reason: 'partner_busy' };
    await persist(deps, tx, other, then(deps, startingFrom(other), unavailable, busy), systemActor, now);
  }
  return bookingId;
}

/** The partner says no to their offer, with a reason. */
export async function rejectOffer(
  deps: BookingDeps,
  offerId: string,
  partnerId: string,
  rejection: RejectOfferInput,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const locked = await lockRoundsOfOffer(tx, { offerId, partnerId }, false);
    const offer = locked && (await findOffer(tx, offerId));
    if (!locked || !offer) throw notYours();
    const context = { actor: { kind: 'partner' as const, id: partnerId }, now: deps.clock.now() };
    const command: OfferCommand = { type: 'Reject', reason: rejection.reason, note: rejection.note };
    const rejected = answer(deps, startingFrom(locked.round), offer, command, context);
    await persist(deps, tx, locked.round, rejected, context.actor, context.now);
  });
}

/** The partner went off duty: every offer they hold is withdrawn at once. */
export async function withdrawOffersOf(deps: BookingDeps, partnerId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const rounds = await lockRounds(tx, await listOpenOfferBookings(tx, partnerId));
    const context = { actor: { kind: 'partner' as const, id: partnerId }, now: deps.clock.now() };
    const command: DispatchCommand = { type: 'PartnerUnavailable', partnerId, reason: 'partner_offline' };
    for (const round of rounds)
      await persist(
        deps,
        tx,
        round,
        then(deps, startingFrom(round), command, context),
        context.actor,
        context.now,
      );
  });
}

/** A partner came on duty: the hub's rounds still offering look for them at once (a later wave). */
export async function offerWaitingJobs(deps: BookingDeps, hubId: string): Promise<void> {
  if ((await makeHubRoundsDue(deps.db.pool, hubId, deps.clock.now())) > 0) deps.dispatchTick.wake();
}

/**
 * The assigned partner backs out: the booking searches again, first in line and offered to everyone at
 * once, and the cancellation counts against the partner's reputation.
 */
export async function cancelJob(
  deps: BookingDeps,
  bookingId: string,
  partnerId: string,
  reason: string,
): Promise<{ bookingId: string; releasedAt: string }> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const round = await lockRound(tx, bookingId);
    if (round.state.status === 'none') throw new AppError('DISPATCH.JOB_NOT_FOUND', 'You have no such job');
    const actor: Actor = { kind: 'partner', id: partnerId };
    const cancelled = then(deps, startingFrom(round), { type: 'CancelAfterAccept', reason }, { actor, now });
    await releasePartner(deps, tx, { bookingId, partnerId, reason });
    await persist(deps, tx, round, cancelled, actor, now);
  });
  deps.dispatchTick.wake();
  return { bookingId, releasedAt: now.toISOString() };
}

const adminActor = (principal: Principal): Actor => ({ kind: 'admin', id: principal.id });

/** A round the team acts on, locked, with the partners who could take its job now. */
async function lockRoundWithPool(deps: BookingDeps, tx: Transaction, bookingId: string, now: Date) {
  const round = await lockRound(tx, bookingId);
  if (round.state.status === 'none')
    throw new AppError('DISPATCH.NOT_OPEN', 'The booking is not waiting for a partner');
  return { round, pool: await readPool(deps, tx, round.state.job, now, 'wave') };
}

/**
 * The team assigns (or reassigns) a partner, with a reason: the same transaction shape as an accept, under
 * the round's lock, so an assignment racing an accept has one outcome (`expectedPartnerId`). Audited.
 */
export async function assignByAdmin(
  deps: BookingDeps,
  bookingId: string,
  input: AssignPartnerInput,
  principal: Principal,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const actor = adminActor(principal);
    const { round, pool } = await lockRoundWithPool(deps, tx, bookingId, now);
    const command: DispatchCommand = {
      type: 'AssignByAdmin',
      partnerId: input.partnerId,
      reason: input.reason,
      expectedPartnerId: input.expectedPartnerId,
      isEligible: pool.partners.some((partner) => partner.partnerId === input.partnerId),
    };
    const assigned = then(deps, startingFrom(round), command, { actor, now });
    if (assigned.events.length === 0) return;
    const reason = input.reason.trim();
    await assignBooking(
      deps,
      tx,
      { bookingId, partnerId: input.partnerId, assignedBy: 'admin', reason },
      actor,
      now,
    );
    await persist(deps, tx, round, assigned, actor, now);
    await recordAudit(
      tx,
      {
        actor: principal,
        action: 'booking.partner_assigned',
        resourceType: 'booking',
        resourceId: bookingId,
        before: { partnerId: input.expectedPartnerId },
        after: { partnerId: input.partnerId, reason },
      },
      deps.clock,
    );
  });
}

/** The team sends the job again to everyone eligible who has not said no; returns how many got it. */
export async function resendOffers(
  deps: BookingDeps,
  bookingId: string,
  principal: Principal,
): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const { round, pool } = await lockRoundWithPool(deps, tx, bookingId, now);
    const candidates = waveCandidates(pool.partners, pool.view, newId);
    const actor = adminActor(principal);
    const resent = then(deps, startingFrom(round), { type: 'Resend', candidates }, { actor, now });
    await persist(deps, tx, round, resent, actor, now);
    return resent.events.reduce(
      (offered, event) => offered + (event.type === 'dispatch.offers_sent' ? event.data.offers.length : 0),
      0,
    );
  });
}
