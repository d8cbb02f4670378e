import type { Address } from '@zefy/contracts';
import {
  Banner,
  Button,
  Card,
  CheckboxField,
  ChipGroup,
  ErrorBanner,
  FormMessage,
  Screen,
  Spinner,
  TextField,
  useApiForm,
  useToast,
} from '@zefy/web-kit';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { createAddress, updateAddress, useAddress, useServiceability } from '../api/addresses.ts';
import { type Pin, PinMap } from './pin-map.tsx';
import { useMyLocation } from './use-my-location.ts';

const kinds = ['Home', 'Work', 'Other'] as const;
type Kind = (typeof kinds)[number];
const kindOf = (label: string): Kind => (label === 'Home' || label === 'Work' ? label : 'Other');

/** The pin as typed or placed; it counts once both coordinates are numbers. */
function toPin(coordinates: { lat: string; lng: string }): Pin | undefined {
  const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));
  return isNumber(coordinates.lat) && isNumber(coordinates.lng)
    ? { lat: Number(coordinates.lat), lng: Number(coordinates.lng) }
    : undefined;
}

const back = (
  <Link className="zf-back" to="/addresses">
    ← Your addresses
  </Link>
);

/** `/addresses/new` and `/addresses/:addressId/edit`. */
export function AddressFormScreen() {
  const addressId = useParams().addressId;
  return addressId ? <EditAddress key={addressId} addressId={addressId} /> : <AddressForm />;
}

function EditAddress({ addressId }: { addressId: string }) {
  const address = useAddress(addressId);
  if (address.status === 'success') return <AddressForm address={address.data} />;
  return (
    <Screen title="Edit address" back={back}>
      {address.status === 'loading' ? (
        <Spinner label="Loading the address" />
      ) : (
        <ErrorBanner error={address.error} onRetry={address.reload} />
      )}
    </Screen>
  );
}

/**
 * A new address, or a saved one to change: its label, street and landmark, and the pin (tapped on the map
 * or the device's location), with a word on whether Zefy serves it before it is saved. `?next=` is where a
 * new address goes once saved (the booking step that asked for it); otherwise back where the customer was.
 */
function AddressForm({ address }: { address?: Address }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const toast = useToast();
  const [kind, setKind] = useState<Kind>(address ? kindOf(address.label) : 'Home');
  const [ownLabel, setOwnLabel] = useState(
    address && kindOf(address.label) === 'Other' && address.label !== 'Other' ? address.label : '',
  );
  const [line1, setLine1] = useState(address?.line1 ?? '');
  const [landmark, setLandmark] = useState(address?.landmark ?? '');
  const [coordinates, setCoordinates] = useState({
    lat: address ? String(address.lat) : '',
    lng: address ? String(address.lng) : '',
  });
  const [isDefault, setDefault] = useState(address?.isDefault ?? false);
  const pin = toPin(coordinates);
  const serviceability = useServiceability(pin);
  const form = useApiForm({ fields: ['label', 'line1', 'landmark', 'lat', 'lng'] });
  const placePin = (placed: Pin) => {
    form.field('lat').onInput();
    setCoordinates({ lat: String(placed.lat), lng: String(placed.lng) });
  };
  const myLocation = useMyLocation(placePin);
  const coordinate = (name: keyof Pin) => ({
    ...form.field(name),
    inputMode: 'decimal' as const,
    value: coordinates[name],
    onChange: (event: { target: { value: string } }) =>
      setCoordinates((current) => ({ ...current, [name]: event.target.value })),
  });

  function leave(saved: Address) {
    const next = searchParams.get('next');
    if (next?.startsWith('/') && !next.startsWith('//')) {
      // the booking step that asked for an address continues with this one
      const target = new URL(next, window.location.origin);
      target.searchParams.set('address', saved.id);
      navigate(`${target.pathname}${target.search}`, { replace: true });
    } else if (location.key !== 'default') navigate(-1);
    else navigate('/addresses', { replace: true });
  }

  async function save(idempotencyKey: string) {
    if (!line1.trim() || !pin) {
      form.fail({
        ...(line1.trim() ? {} : { line1: 'Enter the flat or house number and the street' }),
        ...(pin ? {} : { lat: 'Place the pin: tap the map where your door is, or use your location' }),
      });
      return;
    }
    const fields = {
      label: kind === 'Other' ? ownLabel.trim() || 'Other' : kind,
      line1: line1.trim(),
      landmark: landmark.trim() || null,
      lat: pin.lat,
      lng: pin.lng,
    };
    const saved = address
      ? await updateAddress(address.id, {
          ...fields,
          ...(isDefault && !address.isDefault ? { isDefault } : {}),
        })
      : await createAddress({ ...fields, ...(isDefault ? { isDefault } : {}) }, idempotencyKey);
    toast.show(address ? 'Address saved' : `${saved.label} added to your addresses`);
    leave(saved);
  }

  return (
    <Screen title={address ? 'Edit address' : 'New address'} back={back}>
      <Card>
        <form className="zf-form" onSubmit={form.onSubmit(save)} data-testid="address-form" noValidate>
          <ChipGroup
            label="Save as"
            name="kind"
            options={kinds.map((value) => ({ value, label: value }))}
            value={kind}
            onChange={(value) => setKind(value as Kind)}
            error={kind === 'Other' ? undefined : form.errors.fields.label}
          />
          {kind === 'Other' ? (
            <TextField
              label="Name this place"
              placeholder="Parents’ place"
              maxLength={30}
              value={ownLabel}
              onChange={(event) => setOwnLabel(event.target.value)}
              {...form.field('label')}
            />
          ) : null}
          <TextField
            label="Flat, house, street"
            autoComplete="street-address"
            maxLength={200}
            value={line1}
            onChange={(event) => setLine1(event.target.value)}
            {...form.field('line1')}
          />
          <TextField
            label="Landmark (optional)"
            maxLength={120}
            value={landmark}
            onChange={(event) => setLandmark(event.target.value)}
            hint="Helps your professional find the door"
            {...form.field('landmark')}
          />
          <div className="uw-pin-field">
            <div className="zf-toolbar">
              <span className="zf-field__label">Where is the door?</span>
              <Button
                variant="secondary"
                size="small"
                onClick={myLocation.locate}
                disabled={myLocation.state.status === 'locating'}
              >
                {myLocation.state.status === 'locating' ? 'Finding you…' : 'Use my location'}
              </Button>
            </div>
            {myLocation.state.status === 'failed' ? (
              <Banner tone="warning" title="Could not use your location" data-testid="location-failed">
                {myLocation.state.message}
              </Banner>
            ) : null}
            <PinMap pin={pin} onPin={placePin} />
            <ServiceabilityNote serviceability={serviceability} />
          </div>
          <div className="zf-form__row">
            <TextField label="Latitude" {...coordinate('lat')} />
            <TextField label="Longitude" {...coordinate('lng')} />
          </div>
          <CheckboxField
            label="Make this my default address"
            checked={isDefault}
            disabled={address?.isDefault}
            onChange={(event) => setDefault(event.target.checked)}
          />
          <FormMessage message={form.errors.form} />
          <Button type="submit" disabled={form.isBusy}>
            {form.isBusy ? 'Saving…' : 'Save address'}
          </Button>
        </form>
      </Card>
    </Screen>
  );
}

function ServiceabilityNote({ serviceability }: { serviceability: ReturnType<typeof useServiceability> }) {
  if (serviceability.status !== 'success' || !serviceability.data)
    return <p className="zf-muted">Tap the map where your door is to place the pin.</p>;
  const { isServiceable, hubName, notServiceableReason } = serviceability.data;
  return isServiceable ? (
    <p className="uw-served" data-testid="pin-serviceability">
      We serve this area ({hubName}).
    </p>
  ) : (
    <p className="zf-notice" data-testid="pin-serviceability">
      {notServiceableReason} You can save it; bookings open when we start serving there.
    </p>
  );
}
