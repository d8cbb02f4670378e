import type { GeoPolygon, Hub } from '@zefy/contracts';
import type { Position } from '@zefy/rules';
import { L, MapCanvas } from '@zefy/web-kit/map';
import { useEffect, useRef } from 'react';

export interface OutlineMapProps {
  /** The outline being edited, open (without the closing position). */
  ring: Position[];
  onChange: (ring: Position[]) => void;
  /** Other hubs, drawn faintly for reference. */
  others: readonly Hub[];
  /** The hub being edited, which the map zooms to when it opens; the whole city otherwise. */
  focus?: GeoPolygon;
}

const vertexIcon = L.divIcon({ className: 'zf-vertex', iconSize: [14, 14] });
const toLatLng = ([lng, lat]: Position): [number, number] => [lat, lng];
const round = (value: number) => Number(value.toFixed(6));

/**
 * Click to add a vertex, drag a vertex to move it, double-click a vertex to remove it. Works without tiles:
 * the outline and vertices are vectors and HTML.
 */
export function OutlineMap({ ring, onChange, others, focus }: OutlineMapProps) {
  const map = useRef<L.Map | null>(null);
  const editing = useRef<L.LayerGroup | null>(null);
  const background = useRef<L.LayerGroup | null>(null);
  const latest = useRef({ ring, onChange });
  latest.current = { ring, onChange };

  useEffect(() => {
    const group = background.current;
    if (!group) return;
    group.clearLayers();
    for (const hub of others) {
      const outline = hub.polygon.coordinates[0] ?? [];
      L.polygon(outline.map(toLatLng), { className: 'zf-map-area', weight: 1, interactive: false })
        .bindTooltip(hub.name)
        .addTo(group);
    }
  }, [others]);

  useEffect(() => {
    const group = editing.current;
    if (!group) return;
    group.clearLayers();
    const polygon = L.polygon(ring.map(toLatLng), {
      className: 'zf-map-area zf-map-area--selected',
      weight: 2,
    }).addTo(group);
    ring.forEach((position, index) => {
      const vertex = L.marker(toLatLng(position), {
        icon: vertexIcon,
        draggable: true,
        title: `Vertex ${index + 1}`,
      });
      vertex.on('drag', () => {
        // move the outline with the vertex without re-rendering (which would end the drag)
        const moved = ring.map(toLatLng);
        const { lat, lng } = vertex.getLatLng();
        moved[index] = [lat, lng];
        polygon.setLatLngs(moved);
      });
      vertex.on('dragend', () => {
        const { lat, lng } = vertex.getLatLng();
        latest.current.onChange(ring.map((p, i) => (i === index ? [round(lng), round(lat)] : p)));
      });
      vertex.on('dblclick', (event) => {
        L.DomEvent.stop(event);
        latest.current.onChange(ring.filter((_, i) => i !== index));
      });
      vertex.addTo(group);
    });
  }, [ring]);

  return (
    <MapCanvas
      center={[12.95, 77.63]}
      zoom={11}
      label="Hub outline: click to add a vertex"
      data-testid="outline-map"
      onReady={(leaflet) => {
        map.current = leaflet;
        background.current = L.layerGroup().addTo(leaflet);
        editing.current = L.layerGroup().addTo(leaflet);
        leaflet.doubleClickZoom.disable();
        const outline = focus?.coordinates[0];
        if (outline && outline.length > 2)
          leaflet.fitBounds(L.latLngBounds(outline.map(toLatLng)), { padding: [24, 24], animate: false });
        const onClick = (event: L.LeafletMouseEvent) =>
          latest.current.onChange([
            ...latest.current.ring,
            [round(event.latlng.lng), round(event.latlng.lat)],
          ]);
        leaflet.on('click', onClick);
        return () => {
          leaflet.off('click', onClick);
          map.current = null;
        };
      }}
    />
  );
}
