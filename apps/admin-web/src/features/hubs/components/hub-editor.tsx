import type { GeoPolygon, Hub, HubTaxIdentity } from '@zefy/contracts';
import { checkGstin, checkPolygon, type Position } from '@zefy/rules';
import {
  Button,
  Card,
  CheckboxField,
  FormMessage,
  TextAreaField,
  TextField,
  useApiForm,
  useToast,
} from '@zefy/web-kit';
import { useState } from 'react';
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

type TaxFields = Record<keyof HubTaxIdentity, string>;
const taxFieldNames = ['legalName', 'gstin', 'registeredAddress'] as const;
const taxFieldLabels: TaxFields = {
  legalName: 'the legal name',
  gstin: 'the GSTIN',
  registeredAddress: 'the registered address',
};

/**
 * The tax identity to send (null: none, all three left empty), or what to say beside each field. The GSTIN
 * is checked by the rule the server applies, so a mistyped character shows before saving.
 */
function taxIdentityFrom(fields: TaxFields): { taxIdentity: HubTaxIdentity | null } | { errors: TaxFields } {
  const trimmed = {
    legalName: fields.legalName.trim(),
    gstin: fields.gstin.trim(),
    registeredAddress: fields.registeredAddress.trim(),
  };
  if (taxFieldNames.every((name) => trimmed[name] === '')) return { taxIdentity: null };
  const errors: TaxFields = { legalName: '', gstin: '', registeredAddress: '' };
  for (const name of taxFieldNames)
    if (trimmed[name] === '') errors[name] = `Enter ${taxFieldLabels[name]} too, or leave all three empty`;
  const gstin = checkGstin(trimmed.gstin);
  if (trimmed.gstin !== '' && !gstin.ok) errors.gstin = `This GSTIN ${gstin.message}`;
  // an empty GSTIN is not ok either, and has its message already
  if (!gstin.ok || taxFieldNames.some((name) => errors[name] !== '')) return { errors };
  return { taxIdentity: { ...trimmed, gstin: gstin.gstin } };
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
  const [tax, setTax] = useState<TaxFields>({
    legalName: hub?.taxIdentity?.legalName ?? '',
    gstin: hub?.taxIdentity?.gstin ?? '',
    registeredAddress: hub?.taxIdentity?.registeredAddress ?? '',
  });
  const [ring, setRing] = useState<Position[]>(hub ? open(hub.polygon.coordinates[0] as Position[]) : []);
  const [geoJson, setGeoJson] = useState(() => JSON.stringify(asGeoJson(ring)));
  const [isGeoJsonValid, setGeoJsonValid] = useState(true);
  const form = useApiForm({
    fields: ['name', 'city', 'timezone', 'polygon', ...taxFieldNames],
    messages: { timezone: 'Enter a time zone like Asia/Kolkata' },
    paths: {
      'taxIdentity.legalName': 'legalName',
      'taxIdentity.gstin': 'gstin',
      'taxIdentity.registeredAddress': 'registeredAddress',
    },
  });
  const toast = useToast();

  const changeRing = (next: Position[]) => {
    setRing(next);
    setGeoJson(JSON.stringify(asGeoJson(next)));
    setGeoJsonValid(true);
  };
  const check = checkPolygon(asGeoJson(ring));

  async function submit(idempotencyKey: string) {
    const polygon = asGeoJson(ring);
    const taxed = taxIdentityFrom(tax);
    if ('errors' in taxed) {
      form.fail(Object.fromEntries(Object.entries(taxed.errors).filter(([, message]) => message !== '')));
      return;
    }
    const { taxIdentity } = taxed;
    const saved = hub
      ? await updateHub(hub.id, { name, city, timezone, isActive, polygon, taxIdentity })
      : await createHub({ name, city, timezone, isActive, polygon, taxIdentity }, idempotencyKey);
    toast.show(hub ? `Saved ${saved.name}` : `Created ${saved.name}`);
    onSaved(saved);
  }

  return (
    <Card title={hub ? `Edit ${hub.name}` : 'New hub'} data-testid="hub-editor">
      <form className="zf-form" onSubmit={form.onSubmit(submit)} noValidate>
        <div className="zf-form__row">
          <TextField
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...form.field('name')}
          />
          <TextField
            label="City"
            value={city}
            onChange={(e) => setCity(e.target.value)}
            {...form.field('city')}
          />
          <TextField
            label="Time zone"
            hint="IANA name"
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            {...form.field('timezone')}
          />
        </div>
        <CheckboxField label="Active" checked={isActive} onChange={(e) => setActive(e.target.checked)} />
        <fieldset className="zf-form__group" data-testid="hub-tax-identity">
          <legend>GST registration (printed on customers' receipts; leave all three empty if none)</legend>
          <div className="zf-form__row">
            <TextField
              label="Legal name"
              value={tax.legalName}
              onChange={(e) => setTax({ ...tax, legalName: e.target.value })}
              {...form.field('legalName')}
            />
            <TextField
              label="GSTIN"
              hint="15 characters, e.g. 29AABCZ4821K1ZY"
              value={tax.gstin}
              maxLength={15}
              autoCapitalize="characters"
              spellCheck={false}
              onChange={(e) => setTax({ ...tax, gstin: e.target.value.toUpperCase() })}
              {...form.field('gstin')}
            />
          </div>
          <TextAreaField
            label="Registered address"
            value={tax.registeredAddress}
            rows={3}
            onChange={(e) => setTax({ ...tax, registeredAddress: e.target.value })}
            {...form.field('registeredAddress')}
          />
        </fieldset>
        <OutlineMap ring={ring} onChange={changeRing} others={others} focus={hub?.polygon} />
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
        <TextAreaField
          label="GeoJSON (edit or paste)"
          name="geojson"
          value={geoJson}
          error={form.errors.fields.polygon}
          onChange={(e) => {
            setGeoJson(e.target.value);
            const parsed = parseGeoJson(e.target.value);
            setGeoJsonValid(parsed !== undefined);
            if (parsed) setRing(parsed);
          }}
        />
        <p className={check.ok && isGeoJsonValid ? 'zf-muted' : 'zf-notice'} data-testid="outline-check">
          {!isGeoJsonValid
            ? 'Not a GeoJSON Polygon: {"type":"Polygon","coordinates":[[[lng,lat],…]]}'
            : check.ok
              ? `Outline OK: ${ring.length} vertices`
              : `Outline not valid yet: ${check.problem.detail}`}
        </p>
        <FormMessage message={form.errors.form} />
        <div className="zf-toolbar">
          <Button type="submit" disabled={form.isBusy || !check.ok || !isGeoJsonValid}>
            {form.isBusy ? 'Saving…' : hub ? 'Save changes' : 'Create hub'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
