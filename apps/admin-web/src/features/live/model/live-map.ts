import type { AdminHubDashboard, LiveTracking, TrackingUpdate } from '@zefy/contracts';
import { applyLiveUpdate } from '@zefy/web-kit';
import type { MapMarker } from '../../../components/markers-map.tsx';

/**
 * The live map's markers: each partner on duty, by name, where their heartbeat put them, except a partner on
 * the way to a job, shown once where tracking last showed them; and each en-route job's address.
 */
export function liveMarkers(
  hubs: readonly AdminHubDashboard[],
  enRoute: readonly LiveTracking[],
): MapMarker[] {
  const travelling = new Map(
    enRoute.flatMap((tracking) => (tracking.position ? [[tracking.partnerId, tracking] as const] : [])),
  );
  const names = new Map(
    hubs.flatMap((hub) =>
      hub.partnersOnDuty.flatMap((partner) =>
        partner.name ? [[partner.partnerId, partner.name] as const] : [],
      ),
    ),
  );
  const nameOf = (partnerId: string) => names.get(partnerId) ?? `Partner ${partnerId.slice(-8)}`;
  const markers: MapMarker[] = [];
  for (const hub of hubs)
    for (const partner of hub.partnersOnDuty)
      if (!travelling.has(partner.partnerId))
        markers.push({
          id: `partner:${partner.partnerId}`,
          kind: 'partner',
          label: `${nameOf(partner.partnerId)}, on duty in ${hub.hubName}`,
          lat: partner.lat,
          lng: partner.lng,
        });
  for (const tracking of enRoute) {
    const booking = tracking.bookingId.slice(-8);
    if (tracking.position)
      markers.push({
        id: `partner:${tracking.partnerId}`,
        kind: 'partner',
        label: `${nameOf(tracking.partnerId)}, on the way to booking ${booking}`,
        lat: tracking.position.lat,
        lng: tracking.position.lng,
      });
    if (tracking.destination)
      markers.push({
        id: `address:${tracking.bookingId}`,
        kind: 'destination',
        label: `Address of booking ${booking}`,
        ...tracking.destination,
      });
  }
  return markers;
}

/** A hub channel's tracking update applied to the job it is about; the others stay as they are. */
export const moveTracked = (
  enRoute: readonly LiveTracking[],
  update: TrackingUpdate,
): readonly LiveTracking[] => enRoute.map((tracking) => applyLiveUpdate(tracking, update));
