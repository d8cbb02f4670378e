import { bookingRoutes, type Principal } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../deps.ts';
import { cancelBooking } from './booking.commands.ts';
import {
  findAssignmentSequence,
  findBooking,
  findBookingView,
  findVersionedView,
  listTimeline,
} from './booking.repository.ts';
import { cancellationQuoteOf } from './booking.ts';
import { catchUpFrom, isBeyondReplay } from './channel-replay.ts';

const eventPageSize = 100;

export function registerBookingRoutes(app: FastifyInstance, deps: BookingDeps): void {
  const { db } = deps;

  async function eventPage(bookingId: string, after: number, bookingEventsOnly: boolean) {
    const rows = await listTimeline(db.pool, bookingId, {
      after,
      limit: eventPageSize + 1,
      bookingEventsOnly,
    });
    return { bookingId, items: rows.slice(0, eventPageSize), hasMore: rows.length > eventPageSize };
  }

  /** The booking as its customer or staff see it; another customer's booking does not exist, as far as they can tell. */
  async function visibleBooking(principal: Principal, bookingId: string) {
    const view = await findBookingView(db.pool, bookingId);
    if (principal.role === 'customer' && view.customerId !== principal.id)
      throw new AppError('BOOKING.NOT_FOUND', `No booking ${bookingId}`);
    return view;
  }

  implementRoute(app, db, bookingRoutes.getBooking, ({ principal, params }) =>
    visibleBooking(principal, params.bookingId),
  );

  implementRoute(app, db, bookingRoutes.bookingEvents, async ({ principal, params, query }) => {
    await visibleBooking(principal, params.bookingId);
    return eventPage(params.bookingId, query.after ?? 0, principal.role === 'customer');
  });

  // the booking's live channel asks this on every subscription and resume: a reassigned partner is refused
  implementRoute(app, db, bookingRoutes.bookingChanges, async ({ principal, params, query }) => {
    const { bookingId } = params;
    const { view, sequence } = await findVersionedView(db.pool, bookingId);
    const isWatcher =
      principal.role === 'customer'
        ? view.customerId === principal.id
        : principal.role === 'partner'
          ? view.partner?.id === principal.id
          : true;
    if (!isWatcher) throw new AppError('BOOKING.NOT_FOUND', `No booking ${bookingId}`);
    const assignedAt =
      principal.role === 'partner' ? await findAssignmentSequence(db.pool, bookingId, principal.id) : null;
    const snapshot = { sequence, status: view.status, partner: view.partner };
    const catchUp = catchUpFrom(query.after ?? 0, sequence, assignedAt);
    if (catchUp.kind === 'resync') return { bookingId, items: [], snapshot };
    const limit = deps.settings.channelReplayLimit;
    const items = await listTimeline(db.pool, bookingId, {
      after: catchUp.after,
      limit: limit + 1,
      bookingEventsOnly: true,
    });
    if (isBeyondReplay(items.length, limit)) return { bookingId, items: [], snapshot };
    return { bookingId, items, snapshot: null };
  });

  implementRoute(app, db, bookingRoutes.getCancellation, async ({ principal, params }) => {
    await visibleBooking(principal, params.bookingId);
    const booking = await findBooking(db.pool, params.bookingId);
    const quote = cancellationQuoteOf(booking, deps.settings.cancellation, deps.clock.now());
    if (!quote)
      throw new AppError('BOOKING.TRANSITION_NOT_ALLOWED', `A ${booking.status} booking cannot be cancelled`);
    return { bookingId: params.bookingId, ...quote };
  });

  implementRoute(app, db, bookingRoutes.cancelBooking, async ({ principal, params, body }) => {
    const actor = {
      kind: principal.role === 'admin' ? ('admin' as const) : ('customer' as const),
      id: principal.id,
    };
    await cancelBooking(deps, params.bookingId, body.reason ?? `cancelled by the ${actor.kind}`, actor);
    return findBookingView(db.pool, params.bookingId);
  });
}
