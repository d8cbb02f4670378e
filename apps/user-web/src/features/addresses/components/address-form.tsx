import type { Address } from '@zefy/contracts';
import { type ApiError, Button, Card, ErrorBanner, toApiError } from '@zefy/web-kit';
import { type FormEvent, useState } from 'react';
import { createAddress } from '../api/create-address.ts';
import { type Pin, PinMap } from './pin-map.tsx';

const presets = ['Home', 'Work', 'Other'] as const;

function toPin(coordinates: { lat: string; lng: string }): Pin | undefined {
  const lat = Number(coordinates.lat);
  const lng = Number(coordinates.lng);
  const isNumber = (text: string, value: number) => text.trim() !== '' && Number.isFinite(value);
  return isNumber(coordinates.lat, lat) && isNumber(coordinates.lng, lng) ? { lat, lng } : undefined;
}

export function AddressForm({
  onSaved,
  onCancel,
}: {
  onSaved: (address: Address) => void;
  onCancel: () => void;
}) {
  const [label, setLabel] = useState<string>('Home');
  const [line1, setLine1] = useState('');
  const [landmark, setLandmark] = useState('');
  // the pin as typed or clicked; it counts once both coordinates are numbers
  const [coordinates, setCoordinates] = useState({ lat: '', lng: '' });
  const pin = toPin(coordinates);
  const [error, setError] = useState<ApiError>();
  const [isSaving, setSaving] = useState(false);
  // one key per submission: a retry after a network error cannot save the address twice
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!pin) return;
    setSaving(true);
    setError(undefined);
    try {
      const saved = await createAddress(
        { label, line1, landmark: landmark.trim() || null, lat: pin.lat, lng: pin.lng },
        idempotencyKey,
      );
      setIdempotencyKey(crypto.randomUUID());
      onSaved(saved);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  }

  const placePin = (clicked: Pin) => setCoordinates({ lat: String(clicked.lat), lng: String(clicked.lng) });
  const coordinate = (field: keyof Pin) => (event: { target: { value: string } }) =>
    setCoordinates((current) => ({ ...current, [field]: event.target.value }));

  return (
    <Card title="New address" data-testid="address-form">
      <form className="zf-form" onSubmit={submit}>
        <fieldset className="zf-chips" aria-label="Label">
          {presets.map((preset) => (
            <button
              key={preset}
              type="button"
              className="zf-chip"
              aria-pressed={label === preset}
              onClick={() => setLabel(preset)}
            >
              {preset}
            </button>
          ))}
        </fieldset>
        <label className="zf-field">
          Label
          <input
            className="zf-input"
            name="label"
            value={label}
            maxLength={30}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <label className="zf-field">
          Flat, house, street
          <input
            className="zf-input"
            name="line1"
            value={line1}
            maxLength={200}
            required
            onChange={(e) => setLine1(e.target.value)}
          />
        </label>
        <label className="zf-field">
          Landmark (optional)
          <input
            className="zf-input"
            name="landmark"
            value={landmark}
            maxLength={120}
            onChange={(e) => setLandmark(e.target.value)}
          />
        </label>
        <PinMap pin={pin} onPin={placePin} />
        <div className="zf-form__row">
          <label className="zf-field">
            Latitude
            <input
              className="zf-input"
              name="lat"
              inputMode="decimal"
              value={coordinates.lat}
              onChange={coordinate('lat')}
            />
          </label>
          <label className="zf-field">
            Longitude
            <input
              className="zf-input"
              name="lng"
              inputMode="decimal"
              value={coordinates.lng}
              onChange={coordinate('lng')}
            />
          </label>
        </div>
        {pin ? null : <p className="zf-muted">Tap the map where the door is to place the pin.</p>}
        {error ? <ErrorBanner error={error} /> : null}
        <div className="zf-toolbar">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={!pin || isSaving}>
            {isSaving ? 'Saving…' : 'Save address'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
