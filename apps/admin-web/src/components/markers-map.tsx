import { L, MapCanvas } from '@zefy/web-kit/map';
import { useEffect, useRef } from 'react';
import './markers-map.css';

export interface MapMarker {
  id: string;
  lat: number;
  lng: number;
  /** partner: someone on duty or on the way; destination: a customer's address. */
  kind: 'partner' | 'destination';
  label: string;
}

const bengaluru: [number, number] = [12.95, 77.63];

/**
 * Markers kept in step with `markers` (moved, added, removed by id, never redrawn from scratch, so a live
 * update does not flicker); the map fits them the first time there are some. Works without tiles.
 */
export function MarkersMap({
  markers,
  label,
  'data-testid': testId,
}: {
  markers: readonly MapMarker[];
  label: string;
  'data-testid'?: string;
}) {
  const map = useRef<L.Map | null>(null);
  const drawn = useRef(new Map<string, L.CircleMarker>());
  const hasFitted = useRef(false);

  useEffect(() => {
    const leaflet = map.current;
    if (!leaflet) return;
    const seen = new Set<string>();
    for (const marker of markers) {
      seen.add(marker.id);
      const existing = drawn.current.get(marker.id);
      if (existing) {
        existing.setLatLng([marker.lat, marker.lng]);
        existing.setTooltipContent(marker.label);
        continue;
      }
      const circle = L.circleMarker([marker.lat, marker.lng], {
        radius: marker.kind === 'partner' ? 8 : 10,
        className: `aw-marker aw-marker--${marker.kind}`,
      })
        .bindTooltip(marker.label)
        .addTo(leaflet);
      drawn.current.set(marker.id, circle);
    }
    for (const [id, circle] of drawn.current)
      if (!seen.has(id)) {
        circle.remove();
        drawn.current.delete(id);
      }
    if (!hasFitted.current && markers.length > 0) {
      hasFitted.current = true;
      leaflet.fitBounds(L.latLngBounds(markers.map((marker) => [marker.lat, marker.lng])), {
        padding: [40, 40],
        maxZoom: 15,
        animate: false,
      });
    }
  }, [markers]);

  return (
    <div>
      <MapCanvas
        center={bengaluru}
        zoom={11}
        label={label}
        data-testid={testId}
        onReady={(leaflet) => {
          map.current = leaflet;
          return () => {
            map.current = null;
            drawn.current.clear();
          };
        }}
      />
      <ul className="zf-visually-hidden" data-testid={testId ? `${testId}-markers` : undefined}>
        {markers.map((marker) => (
          <li key={marker.id} data-kind={marker.kind} data-lat={marker.lat} data-lng={marker.lng}>
            {marker.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
