import type { DispatchCandidates } from '@zefy/contracts';
import { AppError, type Sql } from '@zefy/platform';
import { zonedDate } from '@zefy/rules';
import { scheduledPartnerIds } from '../availability/availability.ts';
import { listLiveClaims } from '../claims/claims.repository.ts';
import type { BookingDeps } from '../deps.ts';
import { readHubPresence } from '../presence/presence.store.ts';
import { listEligiblePartners } from '../projections/projections.repository.ts';
import { listSchedules } from '../schedule/schedule.repository.ts';
import { countOpenOffers, findJobSite, findRound, readStandings, standingOf } from './dispatch.repository.ts';
import type { DispatchJob } from './dispatch.ts';
import { type PoolPartner, type PoolView, poolRows } from './pool.ts';
import { standingLookup } from './standings.ts';

export interface Pool {
  partners: PoolPartner[];
  view: PoolView;
}

/**
 * The partners who could take the job now: approved in its hub with the skill, with no live claim of another
 * booking overlapping its window (the partner held for this booking is free for it), with what waves and
 * the team look at: presence, working hours, reputation inputs, open offers. A wave of a "now" job goes by
 * presence alone, so it skips working hours (the slowest part: each partner's week in the hub's zone).
 */
export async function readPool(
  deps: BookingDeps,
  sql: Sql,
  job: DispatchJob,
  now: Date,
  purpose: 'wave' | 'team',
): Promise<Pool> {
  const site = await findJobSite(sql, job.bookingId);
  const window = { start: Date.parse(job.window.startsAt), end: Date.parse(job.window.endsAt) };
  const eligible = await listEligiblePartners(sql, job.hubId, site.serviceId);
  const claims = await listLiveClaims(
    sql,
    eligible.map((partner) => partner.id),
    window,
    now,
    job.bookingId,
  );
  const busy = new Set(claims.map((claim) => claim.partnerId));
  const free = eligible.filter((partner) => !busy.has(partner.id));
  const ids = free.map((partner) => partner.id);
  const presence = await readHubPresence(deps.cache, job.hubId);
  const needsHours = purpose === 'team' || job.window.kind === 'slot';
  const schedules = needsHours ? await listSchedules(sql, ids) : [];
  const scheduled = new Set(
    scheduledPartnerIds(
      window,
      zonedDate(window.start, job.timeZone),
      job.timeZone,
      schedules.map((schedule) => ({ partnerId: schedule.partnerId, schedule })),
    ),
  );
  const standings = await readStandings(sql, ids);
  const openOffers = await countOpenOffers(sql, ids, job.bookingId, now);
  return {
    partners: free.map((partner) => {
      const standing = standingOf(standings, partner.id);
      return {
        partnerId: partner.id,
        name: partner.name,
        phone: partner.phone,
        photoUrl: partner.photoUrl,
        record: standing.record,
        lastJobFinishedAt: standing.lastJobFinishedAt,
        presence: presence.get(partner.id) ?? null,
        isScheduled: scheduled.has(partner.id),
        openOffers: openOffers.get(partner.id) ?? 0,
      };
    }),
    view: {
      kind: job.window.kind,
      now: now.getTime(),
      freshSeconds: deps.settings.presenceFreshSeconds,
      bbox: site.bbox,
      origin: site.origin,
      reputation: deps.settings.dispatch,
    },
  };
}

/** The partners the team may assign a booking to, with where each stands in its round. */
export async function listCandidates(deps: BookingDeps, bookingId: string): Promise<DispatchCandidates> {
  const round = await findRound(deps.db.pool, bookingId);
  if (round.status === 'none')
    throw new AppError('DISPATCH.NOT_OPEN', 'The booking is not paid, or dispatch has not started yet');
  const pool = await readPool(deps, deps.db.pool, round.job, deps.clock.now(), 'team');
  return {
    bookingId,
    assignedPartnerId: round.assignment?.partnerId ?? null,
    items: poolRows(pool.partners, pool.view, standingLookup(round.standings)),
  };
}
