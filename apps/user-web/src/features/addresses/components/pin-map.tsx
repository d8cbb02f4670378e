import { L, MapCanvas } from '@zefy/web-kit/map';
import { useEffect, useRef } from 'react';

export interface Pin {
  lat: number;
  lng: number;
}

const bengaluru: [number, number] = [12.95, 77.63];

/** Click (or tap) to drop the pin; it works on the bare map surface when tiles cannot load. */
export function PinMap({ pin, onPin }: { pin: Pin | undefined; onPin: (pin: Pin) => void }) {
  const marker = useRef<L.CircleMarker | null>(null);
  const map = useRef<L.Map | null>(null);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;

  const lat = pin?.lat;
  const lng = pin?.lng;
  useEffect(() => {
    if (!map.current) return;
    marker.current?.remove();
    marker.current =
      lat !== undefined && lng !== undefined
        ? L.circleMarker([lat, lng], { radius: 9, color: '#3730a3', fillOpacity: 0.8 }).addTo(map.current)
        : null;
  }, [lat, lng]);

  return (
    <MapCanvas
      center={pin ? [pin.lat, pin.lng] : bengaluru}
      zoom={12}
      label="Map: click to place the pin"
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
