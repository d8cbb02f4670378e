import { jobRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../deps.ts';
import { bookingReceipt, listCompletedJobs, listMyBookings, partnerEarnings } from './history.queries.ts';

export function registerHistoryRoutes(app: FastifyInstance, { db, settings }: BookingDeps): void {
  const { commissionBasisPoints } = settings.dispatch;
  implementRoute(app, db, jobRoutes.listMyBookings, ({ principal, query }) =>
    listMyBookings(db.pool, principal.id, query),
  );
  implementRoute(app, db, jobRoutes.getReceipt, ({ principal, params }) =>
    bookingReceipt(db.pool, params.bookingId, principal),
  );
  implementRoute(app, db, jobRoutes.listCompletedJobs, ({ principal, query }) =>
    listCompletedJobs(db.pool, principal.id, query, commissionBasisPoints),
  );
  implementRoute(app, db, jobRoutes.getEarnings, ({ principal }) =>
    partnerEarnings(db.pool, principal.id, commissionBasisPoints),
  );
}
