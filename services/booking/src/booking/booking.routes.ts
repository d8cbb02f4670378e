import { bookingRoutes } from '@zefy/contracts';
import { AppError, implementRoute, type ServiceContext } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { getBookingView, transition } from './booking.repository.ts';

export function registerBookingRoutes(app: FastifyInstance, context: ServiceContext): void {
  const { db, clock } = context;

  implementRoute(app, db, bookingRoutes.getBooking, async ({ principal, params }) => {
    const view = await getBookingView(db.pool, params.bookingId);
    // another customer's booking does not exist, as far as this customer can tell
    if (!view || (principal.role === 'customer' && view.customerId !== principal.id))
      throw new AppError('BOOKING.NOT_FOUND', `No booking ${params.bookingId}`);
    return view;
  });

  implementRoute(app, db, bookingRoutes.cancelBooking, async ({ principal, params, body }) => {
    const actor = {
      kind: principal.role === 'admin' ? ('admin' as const) : ('customer' as const),
      id: principal.id,
    };
    await db.transaction((tx) =>
      transition(
        tx,
        params.bookingId,
        { type: 'Cancel', reason: body.reason ?? `cancelled by the ${actor.kind}` },
        { actor, clock },
      ),
    );
    const view = await getBookingView(db.pool, params.bookingId);
    if (!view) throw new AppError('BOOKING.NOT_FOUND', `No booking ${params.bookingId}`);
    return view;
  });
}
