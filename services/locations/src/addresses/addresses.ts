import type { Address, AddressLabelKind, AddressPatch, ErrorCode, NewAddress } from '@zefy/contracts';
import { accept, assertNever, type Decider, type Decision, refuse } from '@zefy/platform/domain';
import { isValidLatitude, isValidLongitude } from '@zefy/rules';
import type { PinLookup } from '../hubs/hub-index.ts';

export type AddressRecord = Omit<Address, 'hubName' | 'isServiceable'> & { resolvedAt: string };

/**
 * The addresses a command concerns: a customer's whole book for the customer's own commands (exactly one
 * default is a rule over all of them), the one address for a re-resolution.
 */
export interface AddressBook {
  addresses: readonly AddressRecord[];
}

/** Each command that pins a place carries the hub map it is resolved against (looked up under its lock). */
export type AddressCommand =
  | { type: 'SaveAddress'; id: string; customerId: string; input: NewAddress; lookup: PinLookup }
  | { type: 'EditAddress'; addressId: string; patch: AddressPatch; lookup: PinLookup }
  | { type: 'DeleteAddress'; addressId: string }
  /** A hub was created or edited: the address may now fall in another hub, or in none. */
  | { type: 'ResolveAgain'; addressId: string; lookup: PinLookup };

/** Each event carries the address as it became (as it was, for a deletion). */
export type AddressEvent =
  | { type: 'AddressSaved'; address: AddressRecord }
  | { type: 'AddressEdited'; address: AddressRecord }
  | { type: 'AddressMadeDefault'; address: AddressRecord }
  | { type: 'AddressNoLongerDefault'; address: AddressRecord }
  | { type: 'AddressDeleted'; address: AddressRecord }
  | { type: 'AddressResolved'; address: AddressRecord; previousHubId: string | null }
  /** Still served by no hub, but the reason shown changed (another hub is now the nearest). */
  | { type: 'NotServiceableReasonChanged'; address: AddressRecord };

const refuseField = (code: ErrorCode, field: string, message: string) =>
  refuse<AddressEvent>(code, `${field} ${message}`, [{ field, message }]);

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

type AddressFields = Pick<AddressRecord, 'label' | 'labelKind' | 'line1' | 'landmark' | 'lat' | 'lng'>;

/** What a customer typed and pinned, cleaned up; or the first problem, each with its own code. */
function checkFields(input: {
  label: string;
  line1: string;
  landmark?: string | null;
  lat: number;
  lng: number;
}): AddressFields | Decision<AddressEvent> {
  const label = normaliseLabel(input.label);
  if (!label)
    return refuseField(
      'LOCATIONS.LABEL_EMPTY',
      'body.label',
      'must not be empty (Home, Work, Other or your own)',
    );
  const line1 = input.line1.trim().replace(/\s+/g, ' ');
  if (line1.length === 0)
    return refuseField('LOCATIONS.ADDRESS_LINE_EMPTY', 'body.line1', 'must not be empty');
  if (!isValidLatitude(input.lat))
    return refuseField(
      'LOCATIONS.COORDINATES_OUT_OF_RANGE',
      'body.lat',
      `is ${input.lat}; it must be from -90 to 90`,
    );
  if (!isValidLongitude(input.lng))
    return refuseField(
      'LOCATIONS.COORDINATES_OUT_OF_RANGE',
      'body.lng',
      `is ${input.lng}; it must be from -180 to 180`,
    );
  const landmark = input.landmark?.trim() || null;
  return { ...label, line1, landmark, lat: input.lat, lng: input.lng };
}

const isRefusal = (checked: AddressFields | Decision<AddressEvent>): checked is Decision<AddressEvent> =>
  'ok' in checked;

const notFound = (addressId: string) =>
  refuse<AddressEvent>('LOCATIONS.ADDRESS_NOT_FOUND', `You have no address ${addressId}`);

/** The book's default moves to `newDefaultId`: the one holding it now gives it up. */
const demoteOthers = (book: AddressBook, newDefaultId: string, now: string): AddressEvent[] =>
  book.addresses
    .filter((address) => address.isDefault && address.id !== newDefaultId)
    .map((address) => ({
      type: 'AddressNoLongerDefault',
      address: { ...address, isDefault: false, updatedAt: now },
    }));

function saveAddress(
  book: AddressBook,
  command: Extract<AddressCommand, { type: 'SaveAddress' }>,
  now: string,
): Decision<AddressEvent> {
  const fields = checkFields(command.input);
  if (isRefusal(fields)) return fields;
  const { hubId, notServiceableReason } = command.lookup(fields.lat, fields.lng);
  // the first address is the default whatever was asked, so a customer always has exactly one
  const isDefault = book.addresses.length === 0 || command.input.isDefault === true;
  const address: AddressRecord = {
    id: command.id,
    customerId: command.customerId,
    ...fields,
    isDefault,
    hubId,
    notServiceableReason,
    resolvedAt: now,
    createdAt: now,
    updatedAt: now,
  };
  return accept(...(isDefault ? demoteOthers(book, address.id, now) : []), { type: 'AddressSaved', address });
}

/** Only the fields sent change; a moved pin is resolved again; `isDefault: true` takes the default over. */
function editAddress(
  book: AddressBook,
  current: AddressRecord,
  command: Extract<AddressCommand, { type: 'EditAddress' }>,
  now: string,
): Decision<AddressEvent> {
  const { patch } = command;
  const fields = checkFields({
    label: patch.label ?? current.label,
    line1: patch.line1 ?? current.line1,
    landmark: patch.landmark === undefined ? current.landmark : patch.landmark,
    lat: patch.lat ?? current.lat,
    lng: patch.lng ?? current.lng,
  });
  if (isRefusal(fields)) return fields;
  const isMoved = fields.lat !== current.lat || fields.lng !== current.lng;
  const resolution = isMoved ? command.lookup(fields.lat, fields.lng) : undefined;
  const isDefault = current.isDefault || patch.isDefault === true;
  const address: AddressRecord = {
    ...current,
    ...fields,
    isDefault,
    ...(resolution
      ? { hubId: resolution.hubId, notServiceableReason: resolution.notServiceableReason, resolvedAt: now }
      : {}),
    updatedAt: now,
  };
  return accept(...(isDefault && !current.isDefault ? demoteOthers(book, address.id, now) : []), {
    type: 'AddressEdited',
    address,
  });
}

/** Deleting the default hands it to the newest address left. */
function deleteAddress(book: AddressBook, deleted: AddressRecord, now: string): Decision<AddressEvent> {
  const [newest] = deleted.isDefault
    ? book.addresses
        .filter((address) => address.id !== deleted.id)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    : [];
  return accept<AddressEvent>(
    { type: 'AddressDeleted', address: deleted },
    ...(newest
      ? [{ type: 'AddressMadeDefault' as const, address: { ...newest, isDefault: true, updatedAt: now } }]
      : []),
  );
}

function resolveAgain(current: AddressRecord, lookup: PinLookup, now: string): Decision<AddressEvent> {
  const { hubId, notServiceableReason } = lookup(current.lat, current.lng);
  if (hubId === current.hubId && notServiceableReason === current.notServiceableReason) return accept();
  const address = { ...current, hubId, notServiceableReason, resolvedAt: now, updatedAt: now };
  return accept(
    hubId === current.hubId
      ? { type: 'NotServiceableReasonChanged', address }
      : { type: 'AddressResolved', address, previousHubId: current.hubId },
  );
}

export const addressBook: Decider<AddressCommand, AddressBook, AddressEvent> = {
  initialState: { addresses: [] },
  decide(command, book, { now }) {
    const at = now.toISOString();
    if (command.type === 'SaveAddress') return saveAddress(book, command, at);
    const current = book.addresses.find((address) => address.id === command.addressId);
    switch (command.type) {
      case 'EditAddress':
        return current ? editAddress(book, current, command, at) : notFound(command.addressId);
      case 'DeleteAddress':
        return current ? deleteAddress(book, current, at) : notFound(command.addressId);
      case 'ResolveAgain':
        // deleted since the hub changed: nothing left to resolve
        return current ? resolveAgain(current, command.lookup, at) : accept();
      default:
        return assertNever(command);
    }
  },
  evolve(book, event) {
    const others = book.addresses.filter((address) => address.id !== event.address.id);
    switch (event.type) {
      case 'AddressDeleted':
        return { addresses: others };
      case 'AddressSaved':
      case 'AddressEdited':
      case 'AddressMadeDefault':
      case 'AddressNoLongerDefault':
      case 'AddressResolved':
      case 'NotServiceableReasonChanged':
        return { addresses: [...others, event.address] };
      default:
        return assertNever(event);
    }
  },
};

/** The customer's addresses as listed: the default first, then the newest. */
export const sortAddresses = <T extends { isDefault: boolean; createdAt: string }>(
  addresses: readonly T[],
): T[] =>
  [...addresses].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || b.createdAt.localeCompare(a.createdAt),
  );
