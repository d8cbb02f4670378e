import { bookingRoutes, trackingRoutes } from '@zefy/contracts';
import { api } from '../../../lib/api-client.ts';

/** The hubs' partners on duty, and the tracking of every booking on the way (at most 50 of them). */
export async function getLiveMap(signal?: AbortSignal) {
  const [dashboard, enRoute] = await Promise.all([
    api.call(bookingRoutes.getAdminDashboard, {}, { signal }),
    api.call(bookingRoutes.listAdminBookings, { query: { status: 'en_route', limit: 50 } }, { signal }),
  ]);
  const tracked = await Promise.all(
    enRoute.items.map((booking) =>
      // a booking tracking has not heard of yet is left off until the next refresh
      api
        .call(trackingRoutes.getTracking, { params: { bookingId: booking.id } }, { signal })
        .catch(() => null),
    ),
  );
  return { hubs: dashboard.hubs, enRoute: tracked.flatMap((tracking) => (tracking ? [tracking] : [])) };
}
