// Maps live at @zefy/web-kit/map so that apps without one do not bundle Leaflet.
import 'leaflet/dist/leaflet.css';
import * as L from 'leaflet';
import { useEffect, useRef } from 'react';

/**
 * Tiles come from `VITE_MAP_TILE_URL` at build time (OpenStreetMap's by default; empty for none). Without
 * tiles (offline, blocked, none configured) the map still works: outlines and markers are vectors and HTML
 * on a plain background (the --zf-map-bg token), placed and moved by clicking and dragging.
 */
const tileUrl: string = import.meta.env.VITE_MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** Tile failures, before any tile loaded, after which the map stops asking and shows its plain background. */
const failuresBeforeGivingUp = 3;

/**
 * Adds the tile layer, and takes it away again if tiles fail before one has loaded (a broken half-grey grid
 * is worse than no tiles): the map then marks itself `zf-map--no-tiles` and keeps every vector layer.
 */
function addTiles(map: L.Map, container: HTMLElement): void {
  if (!tileUrl) {
    container.classList.add('zf-map--no-tiles');
    return;
  }
  const tiles = L.tileLayer(tileUrl, { maxZoom: 19, attribution: '&copy; OpenStreetMap contributors' });
  let failures = 0;
  let hasLoaded = false;
  tiles.on('tileload', () => {
    hasLoaded = true;
  });
  tiles.on('tileerror', () => {
    failures += 1;
    if (hasLoaded || failures < failuresBeforeGivingUp) return;
    map.removeLayer(tiles);
    container.classList.add('zf-map--no-tiles');
  });
  tiles.addTo(map);
}

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
    addTiles(map, container.current);
    // the zoom level on the element: for tests, and for styles that depend on it
    const element = container.current;
    const showZoom = () => element.setAttribute('data-zoom', String(map.getZoom()));
    map.on('zoomend', showZoom);
    showZoom();
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
