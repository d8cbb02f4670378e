import { L, MapCanvas } from '@zefy/web-kit/map';
import { useEffect, useRef } from 'react';

export interface Pin {
  lat: number;
  lng: number;
}

const bengaluru: [number, number] = [12.95, 77.63];

/**
 * Click (or tap) to drop the pin; it works on the bare map surface when tiles cannot load. A pin placed
 * from elsewhere (the device's location, typed coordinates) brings the map to it.
 */
export function PinMap({ pin, onPin }: { pin: Pin | undefined; onPin: (pin: Pin) => void }) {
  const marker = useRef<L.CircleMarker | null>(null);
  const map = useRef<L.Map | null>(null);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;

  const lat = pin?.lat;
  const lng = pin?.lng;
  useEffect(() => {
    const leaflet = map.current;
    if (!leaflet) return;
    marker.current?.remove();
    marker.current = null;
    if (lat === undefined || lng === undefined) return;
    marker.current = L.circleMarker([lat, lng], { radius: 9, className: 'uw-pin' }).addTo(leaflet);
    if (!leaflet.getBounds().contains([lat, lng])) leaflet.setView([lat, lng], 15);
  }, [lat, lng]);

  return (
    <MapCanvas
      center={pin ? [pin.lat, pin.lng] : bengaluru}
      zoom={pin ? 15 : 12}
      label="Map: tap where your door is to place the pin"
      data-testid="pin-map"
      onReady={(leaflet) => {
        map.current = leaflet;
        const onClick = (event: L.LeafletMouseEvent) =>
          onPinRef.current({
            lat: Number(event.latlng.lat.toFixed(6)),
            lng: Number(event.latlng.lng.toFixed(6)),
          });
        leaflet.on('click', onClick);
        return () => {
          leaflet.off('click', onClick);
          map.current = null;
        };
      }}
    />
  );
}
