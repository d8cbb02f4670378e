// Maps live at @zefy/web-kit/map so that apps without one do not bundle Leaflet.
import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { useEffect, useRef } from 'react';

/**
 * Tiles come from `VITE_MAP_TILE_URL` at build time (OpenStreetMap's by default; empty for none). Without
 * tiles (offline, blocked) the map still works: it is a plain surface on which pins and outlines are placed
 * by clicking, drawn as vectors, which needs no image at all.
 */
const tileUrl: string = import.meta.env.VITE_MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export interface MapCanvasProps {
  center: [lat: number, lng: number];
  zoom: number;
  /** Called once with the Leaflet map; return a cleanup for the layers it added. */
  onReady: (map: L.Map) => undefined | (() => void);
  className?: string;
  'data-testid'?: string;
  label: string;
}

export function MapCanvas({
  center,
  zoom,
  onReady,
  className,
  label,
  'data-testid': testId,
}: MapCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;
  const initial = useRef({ center, zoom });

  useEffect(() => {
    if (!container.current) return;
    const map = L.map(container.current, { attributionControl: true }).setView(
      initial.current.center,
      initial.current.zoom,
    );
    if (tileUrl)
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: '&copy; OpenStreetMap contributors',
      }).addTo(map);
    const cleanup = ready.current(map);
    return () => {
      cleanup?.();
      map.remove();
    };
  }, []);

  return (
    <div
      ref={container}
      className={['zf-map', className].filter(Boolean).join(' ')}
      role="application"
      aria-label={label}
      data-testid={testId}
    />
  );
}

export { L };
