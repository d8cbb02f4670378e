import type { Actor, BookingWindow, EventData, EventType } from '@zefy/contracts';
import { accept, assertNever, type Decider, type Decision, refuse } from '@zefy/platform/domain';
import { partnerEarningPaise } from './earning.ts';
import type { OfferAnswered, OffersSent, OffersWithdrawn } from './offer.ts';
import type { DispatchSettings } from './settings.ts';
import { addSeconds, type Deadlines, deadlinesOf, requeuedDeadlinesOf } from './sla.ts';
import {
  moveTo,
  offeredCount,
  partnersStanding,
  type Standings,
  standingIn,
  standingLookup,
} from './standings.ts';
import { type Candidate, composeWave, type PartnerStanding, type WaveTrigger } from './waves.ts';

/** The confirmed booking dispatch looks for a partner for. */
export interface DispatchJob {
  bookingId: string;
  customerId: string;
  hubId: string;
  /** The hub's name, shown on offers. */
  area: string;
  serviceName: string;
  window: BookingWindow;
  /** The hub's IANA time zone, to show the window in. */
  timeZone: string;
  confirmedAt: string;
  earningPaise: number;
  /**
   * The commission the earning was worked out at, which the partner's share of approved extras takes too;
   * absent on rounds started before it was kept.
   */
  commissionBasisPoints?: number;
}

export interface Assignment {
  partnerId: string;
  /** The accepted offer; null when an admin assigned the partner. */
  offerId: string | null;
  assignedBy: 'partner' | 'admin';
}

/**
 * One booking's dispatch round. `standings` holds each partner ever offered the job once, grouped by where
 * they stand, so the state of a round offered to 1,000 partners stays a few tens of kilobytes.
 */
export interface Round {
  status: 'offering' | 'assigned' | 'no_partner_found' | 'closed';
  job: DispatchJob;
  deadlines: Deadlines;
  /** The number of the last wave sent (0: none yet). */
  wave: number;
  /** The last wave since the round (re)started offering: a head start delays the next one. */
  lastWave: { trigger: WaveTrigger; sentAt: string } | null;
  escalatedAt: string | null;
  /** Back in the queue after the assigned partner backed out: offered to everyone at once, listed first. */
  isPriority: boolean;
  standings: Standings;
  assignment: Assignment | null;
}

export type DispatchState = { status: 'none' } | Round;

export type DispatchCommand =
  /** The booking is confirmed (pretaxPaise: its price before tax, which the partner's earning comes from). */
  | {
      type: 'Start';
      job: Omit<DispatchJob, 'earningPaise' | 'commissionBasisPoints'> & { pretaxPaise: number };
    }
  /** A tick or a partner coming on duty: the next wave if one is due, to the eligible partners found now. */
  | { type: 'SendNextWave'; candidates: readonly Candidate[] }
  /** The acting partner accepted their open offer (the offer decider has taken the accept). */
  | { type: 'Accept'; offerId: string }
  | { type: 'PartnerUnavailable'; partnerId: string; reason: 'partner_offline' | 'partner_busy' }
  /**
   * An admin assigns or reassigns. `expectedPartnerId` is the assignee the admin saw (null: nobody), so an
   * assign racing a partner's accept has one outcome. `isEligible`: approved, with the skill, free then.
   */
  | {
      type: 'AssignByAdmin';
      partnerId: string;
      reason: string;
      expectedPartnerId: string | null;
      isEligible: boolean;
    }
  /** The assigned partner (the actor) backs out. */
  | { type: 'CancelAfterAccept'; reason: string | null }
  /** An admin sends the job again to everyone eligible who has not rejected it, expired offers included. */
  | { type: 'Resend'; candidates: readonly Candidate[] }
  /** A tick: escalate or give up when their time has come. */
  | { type: 'CheckDeadlines' }
  /** The booking was cancelled. */
  | { type: 'Close' };

type Wire<T extends EventType> = { type: T; data: EventData<T> };

/** Round events; `started`, `requeued` and `closed` stay inside booking (its timeline), the rest are wire events. */
export type RoundEvent =
  | { type: 'dispatch.started'; data: DispatchJob & Deadlines }
  | OffersSent
  | OffersWithdrawn
  | Wire<'dispatch.partner_assigned'>
  | Wire<'dispatch.partner_released'>
  | Wire<'dispatch.partner_cancelled'>
  | { type: 'dispatch.requeued'; data: { bookingId: string } & Deadlines }
  | Wire<'dispatch.escalated'>
  | Wire<'dispatch.gave_up'>
  | { type: 'dispatch.closed'; data: { bookingId: string; hubId: string } };

/** The round also folds its offers' answers (offer.ts decides them): a rejection or expiry is remembered. */
export type DispatchEvent = RoundEvent | OfferAnswered;

/** Who may issue each command; partner and admin commands name the actor in their events. */
const permittedActors: Record<DispatchCommand['type'], readonly Actor['kind'][]> = {
  Start: ['system'],
  SendNextWave: ['system'],
  Accept: ['partner'],
  PartnerUnavailable: ['partner', 'system'],
  AssignByAdmin: ['admin'],
  CancelAfterAccept: ['partner'],
  Resend: ['admin'],
  CheckDeadlines: ['system'],
  Close: ['customer', 'admin', 'system'],
};

const ids = (round: Round) => ({ bookingId: round.job.bookingId, hubId: round.job.hubId });

const openPartners = (round: Round, except?: string): string[] =>
  partnersStanding(round.standings, 'open').filter((partnerId) => partnerId !== except);

const withdrawal = (
  round: Round,
  reason: OffersWithdrawn['data']['reason'],
  partnerIds: string[],
): OffersWithdrawn[] =>
  partnerIds.length === 0
    ? []
    : [{ type: 'dispatch.offers_withdrawn', data: { ...ids(round), reason, partnerIds } }];

const notOpen = refuse('DISPATCH.NOT_OPEN', 'the booking is not waiting for a partner');

/** Why the round turns down an accept from a partner whose offer is not open in it. */
function refuseAccept(round: Round, partnerId: string): Decision<DispatchEvent> {
  if (round.status === 'closed' || round.status === 'no_partner_found')
    return refuse('DISPATCH.JOB_CANCELLED', 'the booking was cancelled');
  if (round.status === 'assigned')
    return refuse('DISPATCH.OFFER_TAKEN', 'another partner accepted this job first');
  switch (standingIn(round.standings, partnerId)) {
    case 'rejected':
      return refuse('DISPATCH.OFFER_ANSWERED', 'you rejected this offer');
    case 'expired':
      return refuse('DISPATCH.OFFER_EXPIRED', 'the time to answer this offer is over');
    case 'withdrawn':
      return refuse('DISPATCH.OFFER_WITHDRAWN', 'the offer was withdrawn');
    default:
      return refuse('DISPATCH.OFFER_NOT_FOUND', 'you have no open offer for this job');
  }
}

/**
 * The dispatch round of one booking, from confirmation to an assigned partner (or giving up):
 * offering ──Accept / AssignByAdmin──▶ assigned ──CancelAfterAccept──▶ offering (priority)
 * offering ──CheckDeadlines past giveUpAt──▶ no_partner_found;  any ──Close──▶ closed.
 * Time comes from the context; anything that needs I/O (eligible partners, eligibility) from the command.
 */
export function dispatchDecider(
  settings: DispatchSettings,
): Decider<DispatchCommand, DispatchState, DispatchEvent> {
  function wave(round: Round, trigger: WaveTrigger, partners: Candidate[], now: Date): OffersSent {
    const expiresAt = addSeconds(now, settings.offerWindowSeconds);
    return {
      type: 'dispatch.offers_sent',
      data: {
        ...ids(round),
        wave: round.wave + 1,
        trigger,
        serviceName: round.job.serviceName,
        area: round.job.area,
        window: round.job.window,
        timeZone: round.job.timeZone,
        earningPaise: round.job.earningPaise,
        sentAt: now.toISOString(),
        expiresAt,
        acceptUntil: addSeconds(expiresAt, settings.acceptGraceSeconds),
        offers: partners.map((partner) => ({
          offerId: partner.offerId,
          partnerId: partner.partnerId,
          distanceMeters: Math.max(0, Math.round(partner.distanceMeters)),
        })),
      },
    };
  }

  /** The first wave has a head start unless nobody qualifies for it or the job is back in the queue. */
  function nextWave(round: Round, candidates: readonly Candidate[], now: Date): Decision<DispatchEvent> {
    if (round.wave === 0 && !round.isPriority) {
      const head = composeWave('head_start', candidates, standingLookup(round.standings), settings);
      if (head.length > 0) return accept(wave(round, 'head_start', head, now));
    }
    const { lastWave } = round;
    if (
      lastWave?.trigger === 'head_start' &&
      now < new Date(addSeconds(lastWave.sentAt, settings.headStartSeconds))
    )
      return accept();
    const everyone = composeWave('open_to_all', candidates, standingLookup(round.standings), settings);
    return everyone.length > 0 ? accept(wave(round, 'open_to_all', everyone, now)) : accept();
  }

  function assignByAdmin(
    round: Round,
    command: Extract<DispatchCommand, { type: 'AssignByAdmin' }>,
  ): Decision<DispatchEvent> {
    if (round.status !== 'offering' && round.status !== 'assigned') return notOpen;
    const reason = command.reason.trim();
    if (reason === '') return refuse('DISPATCH.REASON_REQUIRED', 'say why the partner is assigned');
    const current = round.assignment?.partnerId ?? null;
    if (command.expectedPartnerId !== current)
      return refuse(
        'DISPATCH.ASSIGNMENT_CHANGED',
        current === null ? 'the partner was released meanwhile' : 'a partner was assigned meanwhile',
      );
    if (command.partnerId === current) return accept();
    if (!command.isEligible)
      return refuse(
        'DISPATCH.PARTNER_NOT_ELIGIBLE',
        'the partner is not approved, lacks the skill or is busy then',
      );
    const released: DispatchEvent[] =
      current === null
        ? []
        : [
            {
              type: 'dispatch.partner_released',
              data: { ...ids(round), partnerId: current, reason: 'reassigned' },
            },
          ];
    return accept(
      ...released,
      {
        type: 'dispatch.partner_assigned',
        data: {
          ...ids(round),
          customerId: round.job.customerId,
          partnerId: command.partnerId,
          assignedBy: 'admin',
          offerId: null,
          previousPartnerId: current,
          reason,
          window: round.job.window,
        },
      },
      ...withdrawal(round, 'reassigned', openPartners(round)),
    );
  }

  function checkDeadlines(round: Round, now: Date): Decision<DispatchEvent> {
    if (round.status !== 'offering') return accept();
    if (now >= new Date(round.deadlines.giveUpAt))
      return accept<DispatchEvent>(
        {
          type: 'dispatch.gave_up',
          data: { ...ids(round), customerId: round.job.customerId, reason: 'no_partner_found' },
        },
        ...withdrawal(round, 'booking_cancelled', openPartners(round)),
      );
    if (round.escalatedAt !== null || now < new Date(round.deadlines.escalateAt)) return accept();
    return accept({
      type: 'dispatch.escalated',
      data: {
        ...ids(round),
        customerId: round.job.customerId,
        escalatedAt: now.toISOString(),
        giveUpAt: round.deadlines.giveUpAt,
        offeredCount: offeredCount(round.standings),
        rejectedCount: partnersStanding(round.standings, 'rejected').length,
        isPriority: round.isPriority,
      },
    });
  }

  function decideRound(
    command: DispatchCommand,
    round: Round,
    actor: Actor,
    now: Date,
  ): Decision<DispatchEvent> {
    switch (command.type) {
      case 'Start':
        return accept();
      case 'SendNextWave':
        return round.status === 'offering' ? nextWave(round, command.candidates, now) : accept();
      case 'Accept': {
        const { assignment } = round;
        if (assignment?.partnerId === actor.id && assignment.offerId === command.offerId) return accept();
        if (round.status !== 'offering' || standingIn(round.standings, actor.id) !== 'open')
          return refuseAccept(round, actor.id);
        return accept<DispatchEvent>(
          {
            type: 'dispatch.partner_assigned',
            data: {
              ...ids(round),
              customerId: round.job.customerId,
              partnerId: actor.id,
              assignedBy: 'partner',
              offerId: command.offerId,
              previousPartnerId: null,
              reason: null,
              window: round.job.window,
            },
          },
          ...withdrawal(round, 'taken', openPartners(round, actor.id)),
        );
      }
      case 'PartnerUnavailable':
        if (actor.kind === 'partner' && actor.id !== command.partnerId)
          return refuse('BOOKING.ACTOR_NOT_ALLOWED', 'a partner may only report themselves unavailable');
        return round.status === 'offering' && standingIn(round.standings, command.partnerId) === 'open'
          ? accept(...withdrawal(round, command.reason, [command.partnerId]))
          : accept();
      case 'AssignByAdmin':
        return assignByAdmin(round, command);
      case 'CancelAfterAccept':
        if (round.status === 'closed') return refuse('DISPATCH.JOB_CANCELLED', 'the booking was cancelled');
        if (round.status !== 'assigned' || round.assignment?.partnerId !== actor.id)
          return refuse('DISPATCH.JOB_NOT_FOUND', 'you are not assigned to this job');
        return accept(
          {
            type: 'dispatch.partner_cancelled',
            data: {
              ...ids(round),
              customerId: round.job.customerId,
              partnerId: actor.id,
              reason: command.reason?.trim() || null,
            },
          },
          {
            type: 'dispatch.requeued',
            data: { bookingId: round.job.bookingId, ...requeuedDeadlinesOf(round.job.window, now, settings) },
          },
        );
      case 'Resend': {
        if (round.status !== 'offering') return notOpen;
        const partners = composeWave('resend', command.candidates, standingLookup(round.standings), settings);
        if (partners.length === 0)
          return refuse(
            'DISPATCH.NO_ELIGIBLE_PARTNER',
            'every eligible partner has an open offer or said no',
          );
        return accept(wave(round, 'resend', partners, now));
      }
      case 'CheckDeadlines':
        return checkDeadlines(round, now);
      case 'Close': {
        if (round.status !== 'offering' && round.status !== 'assigned') return accept();
        const assignee = round.assignment?.partnerId;
        const released: DispatchEvent[] = assignee
          ? [
              {
                type: 'dispatch.partner_released',
                data: { ...ids(round), partnerId: assignee, reason: 'booking_cancelled' },
              },
            ]
          : [];
        return accept<DispatchEvent>(
          { type: 'dispatch.closed', data: ids(round) },
          ...released,
          ...withdrawal(round, 'booking_cancelled', openPartners(round)),
        );
      }
      default:
        return assertNever(command);
    }
  }

  return {
    initialState: { status: 'none' },
    decide(command, state, { actor, now }) {
      if (!permittedActors[command.type].includes(actor.kind))
        return refuse('BOOKING.ACTOR_NOT_ALLOWED', `${command.type} is not for ${actor.kind}s`);
      if (state.status !== 'none') return decideRound(command, state, actor, now);
      if (command.type === 'Start') {
        const { pretaxPaise, ...job } = command.job;
        return accept({
          type: 'dispatch.started',
          data: {
            ...job,
            earningPaise: partnerEarningPaise(pretaxPaise, settings.commissionBasisPoints),
            commissionBasisPoints: settings.commissionBasisPoints,
            ...deadlinesOf(job.window, new Date(job.confirmedAt), settings),
          },
        });
      }
      const isStale = ['Close', 'SendNextWave', 'CheckDeadlines', 'PartnerUnavailable'].includes(
        command.type,
      );
      return isStale ? accept() : notOpen;
    },
    evolve: evolveRound,
  };
}

const withStandings = (
  round: Round,
  partnerIds: readonly string[],
  standing: PartnerStanding,
  onlyIfOpen: boolean,
): Round => ({
  ...round,
  standings: moveTo(round.standings, partnerIds, standing, onlyIfOpen ? 'open' : undefined),
});

function evolveRound(state: DispatchState, event: DispatchEvent): DispatchState {
  if (event.type === 'dispatch.started') {
    if (state.status !== 'none') return state;
    const { escalateAt, giveUpAt, ...job } = event.data;
    return {
      status: 'offering',
      job,
      deadlines: { escalateAt, giveUpAt },
      wave: 0,
      lastWave: null,
      escalatedAt: null,
      isPriority: false,
      standings: {},
      assignment: null,
    };
  }
  if (state.status === 'none' || event.data.bookingId !== state.job.bookingId) return state;
  switch (event.type) {
    case 'dispatch.offers_sent': {
      const sent = withStandings(
        state,
        event.data.offers.map((offer) => offer.partnerId),
        'open',
        false,
      );
      return {
        ...sent,
        wave: event.data.wave,
        lastWave: { trigger: event.data.trigger, sentAt: event.data.sentAt },
      };
    }
    case 'dispatch.offers_withdrawn':
      return withStandings(state, event.data.partnerIds, 'withdrawn', true);
    case 'dispatch.offer_rejected':
      return withStandings(state, [event.data.partnerId], 'rejected', true);
    case 'dispatch.offer_expired':
      return withStandings(state, [event.data.partnerId], 'expired', true);
    case 'dispatch.offer_accepted':
      return state;
    case 'dispatch.partner_assigned': {
      const { partnerId, offerId, assignedBy } = event.data;
      return {
        ...withStandings(state, [partnerId], 'assigned', false),
        status: 'assigned',
        assignment: { partnerId, offerId, assignedBy },
      };
    }
    case 'dispatch.partner_released':
    case 'dispatch.partner_cancelled':
      return { ...withStandings(state, [event.data.partnerId], 'dropped', false), assignment: null };
    case 'dispatch.requeued':
      return {
        ...state,
        status: 'offering',
        deadlines: { escalateAt: event.data.escalateAt, giveUpAt: event.data.giveUpAt },
        lastWave: null,
        escalatedAt: null,
        isPriority: true,
      };
    case 'dispatch.escalated':
      return { ...state, escalatedAt: event.data.escalatedAt };
    case 'dispatch.gave_up':
      return { ...state, status: 'no_partner_found' };
    case 'dispatch.closed':
      return { ...state, status: 'closed' };
    default:
      return assertNever(event);
  }
}
