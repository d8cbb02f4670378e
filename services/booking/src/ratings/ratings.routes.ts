import { jobRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../deps.ts';
import { rateBooking } from './ratings.commands.ts';
import { listPartnerRatings } from './ratings.repository.ts';

const recentRatings = 50;

export function registerRatingRoutes(app: FastifyInstance, deps: BookingDeps): void {
  const { db } = deps;

  implementRoute(app, db, jobRoutes.rateJob, ({ principal, params, body }) =>
    rateBooking(deps, params.bookingId, body, { kind: 'customer', id: principal.id }),
  );

  implementRoute(app, db, jobRoutes.rateCustomer, ({ principal, params, body }) =>
    rateBooking(deps, params.bookingId, body, { kind: 'partner', id: principal.id }),
  );

  implementRoute(app, db, jobRoutes.getMyRatings, ({ principal }) =>
    listPartnerRatings(db.pool, principal.id, recentRatings),
  );
}
