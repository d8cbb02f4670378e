import type { BookingStatus, LiveTracking } from '@zefy/contracts';
import type { MapMarker } from '../../../components/markers-map.tsx';

/** States in which a booking has a partner whose position matters to the console (polled, mapped). */
const trackedStatuses = new Set<BookingStatus>(['assigned', 'en_route', 'arrived']);
export const isTracked = (status: BookingStatus): boolean => trackedStatuses.has(status);

/** The partner's shown position and the customer's address, as map markers. */
export function markersOf(tracking: LiveTracking): MapMarker[] {
  const markers: MapMarker[] = [];
  if (tracking.destination)
    markers.push({
      id: `address:${tracking.bookingId}`,
      kind: 'destination',
      label: 'Customer’s address',
      ...tracking.destination,
    });
  if (tracking.position)
    markers.push({
      id: `partner:${tracking.partnerId}`,
      kind: 'partner',
      label: `Partner ${tracking.partnerId}`,
      lat: tracking.position.lat,
      lng: tracking.position.lng,
    });
  return markers;
}

/** "in 7 min" (rounded up), "any moment" within a minute, "overdue by 3 min" once past. */
export function etaWords(estimatedArrivalAt: string, now: number): string {
  const seconds = (Date.parse(estimatedArrivalAt) - now) / 1000;
  if (seconds <= -60) return `overdue by ${Math.floor(-seconds / 60)} min`;
  if (seconds < 60) return 'any moment';
  return `in ${Math.ceil(seconds / 60)} min`;
}
