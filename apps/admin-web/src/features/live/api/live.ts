import { bookingRoutes, channels, type LiveTracking, trackingRoutes } from '@zefy/contracts';
import { useEffect, useState } from 'react';
import { api, realtime } from '../../../lib/api-client.ts';
import { moveTracked } from '../model/live-map.ts';

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

const noHubs: readonly string[] = [];
const noJobs: readonly LiveTracking[] = [];

/**
 * The jobs on their way as last loaded, moved by every tracking update on their hubs' channels (one stream
 * per hub for staff) until the next load replaces them.
 */
export function useHubTracking(
  hubIds: readonly string[] = noHubs,
  loaded: readonly LiveTracking[] = noJobs,
): readonly LiveTracking[] {
  const [enRoute, setEnRoute] = useState(loaded);
  useEffect(() => setEnRoute(loaded), [loaded]);
  const hubs = hubIds.join(',');
  useEffect(() => {
    realtime.connect();
    const unsubscribes = hubs
      .split(',')
      .filter(Boolean)
      .map((hubId) =>
        realtime.subscribe(channels.hub(hubId), {
          onTracking: (update) => setEnRoute((current) => moveTracked(current, update)),
        }),
      );
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [hubs]);
  return enRoute;
}
