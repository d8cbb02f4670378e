import type { BBox } from '@zefy/rules';
import {
  distanceMeters,
  onDutyPosition,
  type Point,
  type PresenceRecord,
  positionOf,
} from '../presence/presence.ts';
import { type PartnerRecord, type ReputationSettings, reputationOf } from './reputation.ts';
import type { StandingLookup } from './standings.ts';
import type { Candidate } from './waves.ts';

/**
 * A partner who could take a job: approved in its hub, with the skill, no other job then. What dispatch
 * knows of them now, read by the shell; whether they get an offer is decided below and by waves.ts.
 */
export interface PoolPartner {
  partnerId: string;
  name: string | null;
  phone: string | null;
  photoUrl: string | null;
  record: PartnerRecord;
  lastJobFinishedAt: string | null;
  presence: PresenceRecord | null;
  /** Working hours cover the job's window. */
  isScheduled: boolean;
  /** Open offers for other jobs. */
  openOffers: number;
}

/** Where the job is and when dispatch looks: presence counts only if fresh and inside the hub. */
export interface PoolView {
  kind: 'now' | 'slot';
  now: number;
  freshSeconds: number;
  bbox: BBox | null;
  /** The customer's address; null when booking does not know its position. */
  origin: Point | null;
  reputation: ReputationSettings;
}

const isOnDuty = (partner: PoolPartner, view: PoolView): boolean =>
  onDutyPosition(partner.presence ?? undefined, view) !== null;

/** Distance from the partner's last known position (fresh or not) to the address; null when either is unknown. */
function distanceOf(partner: PoolPartner, origin: Point | null): number | null {
  const position = partner.presence ? positionOf(partner.presence) : null;
  return position && origin ? Math.round(distanceMeters(position, origin)) : null;
}

/** Idle since the later of their last job's end and coming on duty; 0 when neither is known. */
function idleSecondsOf(partner: PoolPartner, now: number): number {
  const since = [partner.lastJobFinishedAt, partner.presence?.online ? partner.presence.onlineSince : null]
    .filter((instant): instant is string => instant !== null)
    .map((instant) => Date.parse(instant));
  return since.length === 0 ? 0 : Math.max(0, Math.floor((now - Math.max(...since)) / 1000));
}

/**
 * Who a wave may go to: for a "now" job, the partners on duty (online, fresh, in the hub); for a slot, those
 * whose working hours cover it. Each gets a fresh offer id from `mintOfferId`.
 */
export function waveCandidates(
  pool: readonly PoolPartner[],
  view: PoolView,
  mintOfferId: () => string,
): Candidate[] {
  return pool
    .filter((partner) => (view.kind === 'now' ? isOnDuty(partner, view) : partner.isScheduled))
    .map((partner) => ({
      partnerId: partner.partnerId,
      offerId: mintOfferId(),
      reputation: reputationOf(partner.record, view.reputation),
      idleSeconds: idleSecondsOf(partner, view.now),
      distanceMeters: distanceOf(partner, view.origin) ?? 0,
      openOffers: partner.openOffers,
    }));
}

/** The pool as the admin console lists it to assign from: on duty first, then best reputation, then nearest. */
export function poolRows(pool: readonly PoolPartner[], view: PoolView, standingOf: StandingLookup) {
  return pool
    .map((partner) => ({
      partnerId: partner.partnerId,
      name: partner.name,
      phone: partner.phone,
      photoUrl: partner.photoUrl,
      reputation: Math.round(reputationOf(partner.record, view.reputation) * 100) / 100,
      distanceMeters: distanceOf(partner, view.origin),
      isOnline: isOnDuty(partner, view),
      isScheduled: partner.isScheduled,
      openOffers: partner.openOffers,
      standing: standingOf(partner.partnerId) ?? null,
    }))
    .sort(
      (a, b) =>
        Number(b.isOnline) - Number(a.isOnline) ||
        b.reputation - a.reputation ||
        (a.distanceMeters ?? Number.POSITIVE_INFINITY) - (b.distanceMeters ?? Number.POSITIVE_INFINITY) ||
        a.partnerId.localeCompare(b.partnerId),
    );
}
