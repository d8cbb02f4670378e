import type { ShownPosition } from '@zefy/contracts';
import { L, MapCanvas } from '@zefy/web-kit/map';
import { useEffect, useRef } from 'react';

/**
 * The address and the partner's marker, moved as positions arrive; the view widens to keep both in
 * sight. Loaded with the booking that is tracked, not with the app (Leaflet).
 */
export function TrackingMap({
  home,
  partner,
}: {
  home: { lat: number; lng: number };
  partner: ShownPosition | null;
}) {
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);

  const lat = partner?.lat;
  const lng = partner?.lng;
  useEffect(() => {
    const leaflet = map.current;
    if (!leaflet || lat === undefined || lng === undefined) return;
    if (marker.current) marker.current.setLatLng([lat, lng]);
    else
      marker.current = L.circleMarker([lat, lng], { radius: 9, className: 'uw-partner-marker' }).addTo(
        leaflet,
      );
    const element = marker.current.getElement();
    element?.setAttribute('data-testid', 'partner-marker');
    element?.setAttribute('data-lat', String(lat));
    element?.setAttribute('data-lng', String(lng));
    const both = L.latLngBounds([home.lat, home.lng], [lat, lng]);
    if (!leaflet.getBounds().contains(both)) leaflet.fitBounds(both.pad(0.3));
  }, [lat, lng, home.lat, home.lng]);

  return (
    <MapCanvas
      center={[home.lat, home.lng]}
      zoom={14}
      label="Map: your address and where your professional is"
      data-testid="tracking-map"
      onReady={(leaflet) => {
        map.current = leaflet;
        const door = L.circleMarker([home.lat, home.lng], { radius: 7, className: 'uw-pin' }).addTo(leaflet);
        return () => {
          door.remove();
          marker.current = null;
          map.current = null;
        };
      }}
    />
  );
}
