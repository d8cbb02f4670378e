import { bookingRoutes } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../deps.ts';
import { adjustExtraCharge, cancelByAdmin, markNoShow, refundBookingInPart } from './admin.commands.ts';
import { getAdminBookingDetail, listAdminBookings } from './admin.repository.ts';
import { classifySearch, decodeCursor, encodeCursor } from './admin.ts';

export function registerAdminRoutes(app: FastifyInstance, deps: BookingDeps): void {
  const { db, clock } = deps;
  implementRoute(app, db, bookingRoutes.listAdminBookings, async ({ query }) => {
    const search = query.q === undefined ? null : classifySearch(query.q);
    if (search?.kind === 'invalid')
      throw new AppError(
        'REQUEST.VALIDATION_FAILED',
        'Search by a booking id or at least 4 digits of a phone',
        {
          errors: [{ field: 'querystring.q', message: 'must be a booking id or a phone number' }],
        },
      );
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !after)
      throw new AppError('REQUEST.VALIDATION_FAILED', 'The cursor is not one this list returned', {
        errors: [{ field: 'querystring.cursor', message: 'is not valid' }],
      });
    const page = await listAdminBookings(db.pool, {
      hubId: query.hubId,
      status: query.status,
      paid: query.paid,
      date: query.date,
      search,
      after,
      limit: query.limit ?? 50,
    });
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  });

  implementRoute(app, db, bookingRoutes.getAdminBooking, async ({ params }) => {
    const detail = await getAdminBookingDetail(db.pool, params.bookingId, clock.now());
    if (!detail) throw new AppError('BOOKING.NOT_FOUND', `No booking ${params.bookingId}`);
    return detail;
  });

  implementRoute(app, db, bookingRoutes.adminCancelBooking, ({ params, body, principal }) =>
    cancelByAdmin(deps, params.bookingId, body, principal),
  );

  implementRoute(app, db, bookingRoutes.markNoShow, ({ params, body, principal }) =>
    markNoShow(deps, params.bookingId, body, principal),
  );

  implementRoute(app, db, bookingRoutes.adminRefundBooking, ({ params, body, principal }) =>
    refundBookingInPart(deps, params.bookingId, body, principal),
  );

  implementRoute(app, db, bookingRoutes.adminAdjustExtra, ({ params, body, principal }) =>
    adjustExtraCharge(deps, params.bookingId, body, principal),
  );
}
