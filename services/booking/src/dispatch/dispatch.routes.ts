import { dispatchRoutes } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { confirmArrival, startJourney } from '../booking/booking.commands.ts';
import { findBookingView } from '../booking/booking.repository.ts';
import type { BookingDeps } from '../deps.ts';
import type { DutyListener } from '../presence/presence.routes.ts';
import {
  acceptOffer,
  assignByAdmin,
  cancelJob,
  offerWaitingJobs,
  rejectOffer,
  resendOffers,
  withdrawOffersOf,
} from './dispatch.commands.ts';
import { listCandidates } from './dispatch.queries.ts';
import {
  findOfferView,
  findPartnerJob,
  listPartnerJobs,
  listPartnerOffers,
  listQueue,
} from './dispatch.repository.ts';

/** Coming on duty offers the partner the hub's waiting jobs; going off duty withdraws their offers. */
export const dispatchOnDuty = (deps: BookingDeps): DutyListener => ({
  cameOnDuty: (partner) => offerWaitingJobs(deps, partner.hubId),
  wentOffDuty: (partner) => withdrawOffersOf(deps, partner.id),
});

export function registerDispatchRoutes(app: FastifyInstance, deps: BookingDeps): void {
  const { db, clock } = deps;

  async function offerView(offerId: string) {
    const offer = await findOfferView(db.pool, offerId);
    if (!offer) throw new AppError('DISPATCH.OFFER_NOT_FOUND', 'You have no such offer');
    return offer;
  }

  implementRoute(app, db, dispatchRoutes.listOffers, async ({ principal }) => {
    const now = clock.now();
    return { now: now.toISOString(), items: await listPartnerOffers(db.pool, principal.id, now) };
  });

  implementRoute(app, db, dispatchRoutes.acceptOffer, async ({ principal, params }) => {
    const bookingId = await acceptOffer(deps, params.offerId, principal.id);
    const [job, offer] = await Promise.all([
      findPartnerJob(db.pool, bookingId, principal.id),
      offerView(params.offerId),
    ]);
    // an accept repeated after backing out of the job
    if (!job) throw new AppError('DISPATCH.JOB_NOT_FOUND', 'You no longer have this job');
    return { offer, job };
  });

  implementRoute(app, db, dispatchRoutes.rejectOffer, async ({ principal, params, body }) => {
    await rejectOffer(deps, params.offerId, principal.id, body);
    return offerView(params.offerId);
  });

  implementRoute(app, db, dispatchRoutes.listJobs, async ({ principal, query }) => {
    const now = clock.now();
    const items = await listPartnerJobs(db.pool, principal.id, query.scope ?? 'upcoming', now);
    return { now: now.toISOString(), items };
  });

  implementRoute(app, db, dispatchRoutes.cancelJob, async ({ principal, params, body }) =>
    cancelJob(deps, params.bookingId, principal.id, body.reason.trim()),
  );

  async function jobView(bookingId: string, partnerId: string) {
    const job = await findPartnerJob(db.pool, bookingId, partnerId);
    if (!job) throw new AppError('DISPATCH.JOB_NOT_FOUND', 'You have no such job');
    return job;
  }

  implementRoute(app, db, dispatchRoutes.startJourney, async ({ principal, params }) => {
    await startJourney(deps, params.bookingId, principal.id);
    return jobView(params.bookingId, principal.id);
  });

  implementRoute(app, db, dispatchRoutes.confirmArrival, async ({ principal, params }) => {
    const partner = { kind: 'partner' as const, id: principal.id };
    await db.transaction((tx) => confirmArrival(deps, tx, params.bookingId, partner));
    return jobView(params.bookingId, principal.id);
  });

  implementRoute(app, db, dispatchRoutes.dispatchQueue, async ({ query }) => ({
    now: clock.now().toISOString(),
    items: await listQueue(db.pool, query.hubId ?? null),
  }));

  implementRoute(app, db, dispatchRoutes.listCandidates, async ({ params }) =>
    listCandidates(deps, params.bookingId),
  );

  implementRoute(app, db, dispatchRoutes.assignPartner, async ({ principal, params, body }) => {
    await assignByAdmin(deps, params.bookingId, body, principal);
    return findBookingView(db.pool, params.bookingId);
  });

  implementRoute(app, db, dispatchRoutes.resendOffers, async ({ principal, params }) => ({
    bookingId: params.bookingId,
    offered: await resendOffers(deps, params.bookingId, principal),
  }));
}
