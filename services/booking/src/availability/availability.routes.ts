import { bookingRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { placeHold } from '../booking/booking.commands.ts';
import type { BookingDeps } from '../deps.ts';
import { getAvailability, planHold } from './availability.queries.ts';

export function registerAvailabilityRoutes(app: FastifyInstance, deps: BookingDeps): void {
  const { db } = deps;

  implementRoute(app, db, bookingRoutes.getAvailability, ({ principal, query }) =>
    getAvailability(deps, principal.id, query),
  );

  implementRoute(app, db, bookingRoutes.placeHold, async ({ principal, body }) =>
    placeHold(deps, await planHold(deps, principal.id, body)),
  );
}
