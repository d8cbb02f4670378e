import type { GeoPolygon, Hub } from '@zefy/contracts';
import { checkPolygon, type Position } from '@zefy/rules';
import { type ApiError, Button, Card, ErrorBanner, toApiError } from '@zefy/web-kit';
import { type FormEvent, useState } from 'react';
import { createHub, updateHub } from '../api/hubs.ts';
import { OutlineMap } from './outline-map.tsx';

const closed = (ring: Position[]): Position[] => (ring.length > 0 ? [...ring, ring[0]!] : []);
const open = (ring: Position[]): Position[] => ring.slice(0, -1);
const asGeoJson = (ring: Position[]): GeoPolygon => ({ type: 'Polygon', coordinates: [closed(ring)] });

function parseGeoJson(text: string): Position[] | undefined {
  try {
    const value = JSON.parse(text) as { type?: unknown; coordinates?: unknown };
    const ring = Array.isArray(value.coordinates) ? value.coordinates[0] : undefined;
    const isRing =
      value.type === 'Polygon' &&
      Array.isArray(ring) &&
      ring.every((p) => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number'));
    return isRing ? open(ring as Position[]) : undefined;
  } catch {
    return undefined;
  }
}

export interface HubEditorProps {
  hub: Hub | undefined;
  others: readonly Hub[];
  onSaved: (hub: Hub) => void;
}

/** Draw a hub on the map or paste its GeoJSON; the outline is checked as you go, by the server's own rules. */
export function HubEditor({ hub, others, onSaved }: HubEditorProps) {
  const [name, setName] = useState(hub?.name ?? '');
  const [city, setCity] = useState(hub?.city ?? 'Bengaluru');
  const [timezone, setTimezone] = useState(hub?.timezone ?? 'Asia/Kolkata');
  const [isActive, setActive] = useState(hub?.isActive ?? true);
  const [ring, setRing] = useState<Position[]>(hub ? open(hub.polygon.coordinates[0] as Position[]) : []);
  const [geoJson, setGeoJson] = useState(() => JSON.stringify(asGeoJson(ring)));
  const [isGeoJsonValid, setGeoJsonValid] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [isSaving, setSaving] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const changeRing = (next: Position[]) => {
    setRing(next);
    setGeoJson(JSON.stringify(asGeoJson(next)));
    setGeoJsonValid(true);
  };
  const check = checkPolygon(asGeoJson(ring));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const polygon = asGeoJson(ring);
      const saved = hub
        ? await updateHub(hub.id, { name, city, timezone, isActive, polygon })
        : await createHub({ name, city, timezone, isActive, polygon }, idempotencyKey);
      setIdempotencyKey(crypto.randomUUID());
      onSaved(saved);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={hub ? `Edit ${hub.name}` : 'New hub'} data-testid="hub-editor">
      <form className="zf-form" onSubmit={submit}>
        <div className="zf-form__row">
          <label className="zf-field">
            Name
            <input
              className="zf-input"
              name="name"
              value={name}
              required
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="zf-field">
            City
            <input
              className="zf-input"
              name="city"
              value={city}
              required
              onChange={(e) => setCity(e.target.value)}
            />
          </label>
          <label className="zf-field">
            Time zone (IANA)
            <input
              className="zf-input"
              name="timezone"
              value={timezone}
              onChange={(e) => setTimezone(e.target.value)}
            />
          </label>
          <label className="zf-field">
            <span>
              <input type="checkbox" checked={isActive} onChange={(e) => setActive(e.target.checked)} />{' '}
              Active
            </span>
          </label>
        </div>
        <OutlineMap ring={ring} onChange={changeRing} others={others} />
        <p className="zf-muted">
          Click the map to add a vertex, drag a vertex to move it, double-click it to remove it.
        </p>
        <div className="zf-toolbar">
          <Button
            variant="secondary"
            onClick={() => changeRing(ring.slice(0, -1))}
            disabled={ring.length === 0}
          >
            Undo last vertex
          </Button>
          <Button variant="secondary" onClick={() => changeRing([])} disabled={ring.length === 0}>
            Clear
          </Button>
        </div>
        <label className="zf-field">
          GeoJSON (edit or paste)
          <textarea
            className="zf-input"
            name="geojson"
            value={geoJson}
            onChange={(e) => {
              setGeoJson(e.target.value);
              const parsed = parseGeoJson(e.target.value);
              setGeoJsonValid(parsed !== undefined);
              if (parsed) setRing(parsed);
            }}
          />
        </label>
        <p className={check.ok && isGeoJsonValid ? 'zf-muted' : 'zf-notice'} data-testid="outline-check">
          {!isGeoJsonValid
            ? 'Not a GeoJSON Polygon: {"type":"Polygon","coordinates":[[[lng,lat],…]]}'
            : check.ok
              ? `Outline OK: ${ring.length} vertices`
              : `Outline not valid yet: ${check.problem.detail}`}
        </p>
        {error ? <ErrorBanner error={error} /> : null}
        <div className="zf-toolbar">
          <Button type="submit" disabled={isSaving || !check.ok || !isGeoJsonValid}>
            {isSaving ? 'Saving…' : hub ? 'Save changes' : 'Create hub'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
