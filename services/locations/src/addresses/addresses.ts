import type {
  Address,
  AddressLabelKind,
  AddressPatch,
  Decided,
  ErrorCode,
  NewAddress,
} from '@zefy/contracts';
import { isValidLatitude, isValidLongitude } from '@zefy/rules';
import type { Resolution } from '../hubs/hub-index.ts';

export type AddressRecord = Omit<Address, 'hubName' | 'isServiceable'> & { resolvedAt: string };

const reject = (code: ErrorCode, field: string, message: string) => ({
  ok: false as const,
  rejection: { code, detail: `${field} ${message}`, errors: [{ field, message }] },
});

const presetLabels: Record<string, AddressLabelKind> = { home: 'home', work: 'work', other: 'other' };

/** "home", " HOME " → Home (kind home); anything else is the customer's own label (kind other). */
export function normaliseLabel(raw: string): { label: string; labelKind: AddressLabelKind } | undefined {
  const label = raw.trim().replace(/\s+/g, ' ');
  if (label.length === 0) return undefined;
  const preset = presetLabels[label.toLowerCase()];
  return preset
    ? { label: preset[0]!.toUpperCase() + preset.slice(1), labelKind: preset }
    : { label, labelKind: 'other' };
}

interface AddressFields {
  label: string;
  line1: string;
  landmark: string | null;
  lat: number;
  lng: number;
}

/** Validates what a customer typed and pinned; every problem has its own code. */
export function checkAddressFields(input: {
  label: string;
  line1: string;
  landmark?: string | null;
  lat: number;
  lng: number;
}): Decided<AddressFields & { labelKind: AddressLabelKind }> {
  const label = normaliseLabel(input.label);
  if (!label)
    return reject('LOCATIONS.LABEL_EMPTY', 'body.label', 'must not be empty (Home, Work, Other or your own)');
  const line1 = input.line1.trim().replace(/\s+/g, ' ');
  if (line1.length === 0) return reject('LOCATIONS.ADDRESS_LINE_EMPTY', 'body.line1', 'must not be empty');
  if (!isValidLatitude(input.lat))
    return reject(
      'LOCATIONS.COORDINATES_OUT_OF_RANGE',
      'body.lat',
      `is ${input.lat}; it must be from -90 to 90`,
    );
  if (!isValidLongitude(input.lng))
    return reject(
      'LOCATIONS.COORDINATES_OUT_OF_RANGE',
      'body.lng',
      `is ${input.lng}; it must be from -180 to 180`,
    );
  const landmark = input.landmark?.trim() || null;
  return { ok: true, value: { ...label, line1, landmark, lat: input.lat, lng: input.lng } };
}

export function planNewAddress(
  input: NewAddress,
  context: {
    id: string;
    customerId: string;
    now: Date;
    isFirst: boolean;
    resolve: (lat: number, lng: number) => Resolution;
  },
): Decided<AddressRecord> {
  const fields = checkAddressFields(input);
  if (!fields.ok) return fields;
  const { hubId, notServiceableReason } = context.resolve(fields.value.lat, fields.value.lng);
  const now = context.now.toISOString();
  return {
    ok: true,
    value: {
      id: context.id,
      customerId: context.customerId,
      ...fields.value,
      // the first address is the default whatever was asked, so a customer always has exactly one
      isDefault: context.isFirst || input.isDefault === true,
      hubId,
      notServiceableReason,
      resolvedAt: now,
      createdAt: now,
      updatedAt: now,
    },
  };
}

/** An edit: only the fields sent change; a moved pin is resolved again. */
export function applyAddressPatch(
  current: AddressRecord,
  patch: AddressPatch,
  context: { now: Date; resolve: (lat: number, lng: number) => Resolution },
): Decided<AddressRecord> {
  const fields = checkAddressFields({
    label: patch.label ?? current.label,
    line1: patch.line1 ?? current.line1,
    landmark: patch.landmark === undefined ? current.landmark : patch.landmark,
    lat: patch.lat ?? current.lat,
    lng: patch.lng ?? current.lng,
  });
  if (!fields.ok) return fields;
  const now = context.now.toISOString();
  const isMoved = fields.value.lat !== current.lat || fields.value.lng !== current.lng;
  const resolution = isMoved ? context.resolve(fields.value.lat, fields.value.lng) : undefined;
  return {
    ok: true,
    value: {
      ...current,
      ...fields.value,
      isDefault: current.isDefault || patch.isDefault === true,
      ...(resolution
        ? { hubId: resolution.hubId, notServiceableReason: resolution.notServiceableReason, resolvedAt: now }
        : {}),
      updatedAt: now,
    },
  };
}

/** The customer's addresses as listed: the default first, then the newest. */
export const sortAddresses = <T extends { isDefault: boolean; createdAt: string }>(
  addresses: readonly T[],
): T[] =>
  [...addresses].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || b.createdAt.localeCompare(a.createdAt),
  );
