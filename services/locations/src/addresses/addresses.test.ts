import type { AddressPatch, NewAddress } from '@zefy/contracts';
import { ManualClock } from '@zefy/platform';
import { given } from '@zefy/platform/testing';
import { describe, expect, it } from 'vitest';
import type { Resolution } from '../hubs/hub-index.ts';
import { toWireEvents } from './addresses.events.ts';
import {
  type AddressEvent,
  type AddressRecord,
  addressBook,
  normaliseLabel,
  sortAddresses,
} from './addresses.ts';

const now = new Date('2026-11-24T10:00:00Z');
const later = new Date('2026-11-25T10:00:00Z');
const customer = { actor: { kind: 'customer' as const, id: 'c1' }, now };
const tomorrow = { ...customer, now: later };
const inIndiranagar: Resolution = { hubId: 'hub-1', hubName: 'Indiranagar', notServiceableReason: null };
const nowhere: Resolution = {
  hubId: null,
  hubName: null,
  notServiceableReason: 'Not serviceable yet: far away.',
};
const lookup = (lat: number) => (lat < 13 ? inIndiranagar : nowhere);
const home = { label: 'home', line1: ' 12, 100 Feet Road ', lat: 12.97, lng: 77.64 };
const save = (id: string, input: NewAddress) =>
  ({ type: 'SaveAddress', id, customerId: 'c1', input, lookup }) as const;

/** The address a save on an empty book makes. */
const homeRecord: AddressRecord = {
  id: 'a1',
  customerId: 'c1',
  label: 'Home',
  labelKind: 'home',
  line1: '12, 100 Feet Road',
  landmark: null,
  lat: 12.97,
  lng: 77.64,
  isDefault: true,
  hubId: 'hub-1',
  notServiceableReason: null,
  resolvedAt: now.toISOString(),
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
};
const homeSaved: AddressEvent = { type: 'AddressSaved', address: homeRecord };
const work: AddressRecord = {
  ...homeRecord,
  id: 'a2',
  label: 'Work',
  labelKind: 'work',
  isDefault: false,
  createdAt: '2026-11-24T11:00:00.000Z',
};
const workSaved: AddressEvent = { type: 'AddressSaved', address: work };

describe('normaliseLabel', () => {
  it('recognises Home, Work and Other in any case and keeps custom labels', () => {
    expect(normaliseLabel(' HOME ')).toEqual({ label: 'Home', labelKind: 'home' });
    expect(normaliseLabel('work')).toEqual({ label: 'Work', labelKind: 'work' });
    expect(normaliseLabel("  Mom's   place ")).toEqual({ label: "Mom's place", labelKind: 'other' });
    expect(normaliseLabel('   ')).toBeUndefined();
  });
});

describe('saving an address', () => {
  it('maps the pin to its hub and makes a first address the default', () => {
    given(addressBook).when(save('a1', home), customer).thenEmits(homeSaved);
  });

  it('stores a pin outside every hub as not serviceable, with the reason', () => {
    given(addressBook, homeSaved)
      .when(save('a2', { ...home, lat: 13.04 }), customer)
      .thenEmits({
        type: 'AddressSaved',
        address: {
          ...homeRecord,
          id: 'a2',
          lat: 13.04,
          isDefault: false,
          hubId: null,
          notServiceableReason: 'Not serviceable yet: far away.',
        },
      });
  });

  it('moves the default to a new address saved as the default', () => {
    given(addressBook, homeSaved)
      .when(save('a2', { ...home, label: 'Work', isDefault: true }), tomorrow)
      .thenEmits(
        {
          type: 'AddressNoLongerDefault',
          address: { ...homeRecord, isDefault: false, updatedAt: later.toISOString() },
        },
        {
          type: 'AddressSaved',
          address: {
            ...homeRecord,
            id: 'a2',
            label: 'Work',
            labelKind: 'work',
            resolvedAt: later.toISOString(),
            createdAt: later.toISOString(),
            updatedAt: later.toISOString(),
          },
        },
      );
  });

  it('refuses an empty label, an empty first line and a latitude of 200, each with its own code', () => {
    const refused = (input: NewAddress) => given(addressBook).when(save('a1', input), customer).decision;
    expect(refused({ ...home, label: ' ' })).toMatchObject({
      ok: false,
      code: 'LOCATIONS.LABEL_EMPTY',
      errors: [{ field: 'body.label' }],
    });
    expect(refused({ ...home, line1: '' })).toMatchObject({
      ok: false,
      code: 'LOCATIONS.ADDRESS_LINE_EMPTY',
    });
    expect(refused({ ...home, lat: 200 })).toMatchObject({
      ok: false,
      code: 'LOCATIONS.COORDINATES_OUT_OF_RANGE',
      errors: [{ field: 'body.lat' }],
    });
    given(addressBook)
      .when(save('a1', { ...home, lng: -181 }), customer)
      .thenRefuses('LOCATIONS.COORDINATES_OUT_OF_RANGE');
  });
});

describe('editing an address', () => {
  const edit = (addressId: string, patch: AddressPatch) => ({
    type: 'EditAddress' as const,
    addressId,
    patch,
    lookup,
  });

  it('resolves a moved pin again', () => {
    given(addressBook, homeSaved)
      .when(edit('a1', { lat: 13.04 }), tomorrow)
      .thenEmits({
        type: 'AddressEdited',
        address: {
          ...homeRecord,
          lat: 13.04,
          hubId: null,
          notServiceableReason: 'Not serviceable yet: far away.',
          resolvedAt: later.toISOString(),
          updatedAt: later.toISOString(),
        },
      });
  });

  it('keeps the resolution when the pin stays, and clears a landmark sent as null', () => {
    const withLandmark: AddressEvent = {
      type: 'AddressSaved',
      address: { ...homeRecord, landmark: 'Opposite the metro' },
    };
    given(addressBook, withLandmark)
      .when(edit('a1', { label: 'Parents', landmark: null }), tomorrow)
      .thenEmits({
        type: 'AddressEdited',
        address: {
          ...homeRecord,
          label: 'Parents',
          labelKind: 'other',
          landmark: null,
          updatedAt: later.toISOString(),
        },
      });
  });

  it('makes an address the default, taking it from the one that had it', () => {
    given(addressBook, homeSaved, workSaved)
      .when(edit('a2', { isDefault: true }), tomorrow)
      .thenEmits(
        {
          type: 'AddressNoLongerDefault',
          address: { ...homeRecord, isDefault: false, updatedAt: later.toISOString() },
        },
        { type: 'AddressEdited', address: { ...work, isDefault: true, updatedAt: later.toISOString() } },
      );
  });

  it("refuses an address that is not in the customer's book, and an edit that empties a field", () => {
    given(addressBook, homeSaved)
      .when(edit('someone-elses', { label: 'Mine' }), customer)
      .thenRefuses('LOCATIONS.ADDRESS_NOT_FOUND');
    given(addressBook, homeSaved)
      .when(edit('a1', { line1: '  ' }), customer)
      .thenRefuses('LOCATIONS.ADDRESS_LINE_EMPTY');
  });
});

describe('deleting an address', () => {
  const remove = (addressId: string) => ({ type: 'DeleteAddress' as const, addressId });
  const older: AddressRecord = {
    ...work,
    id: 'a0',
    label: 'Gym',
    labelKind: 'other',
    createdAt: '2026-11-24T10:30:00.000Z',
  };

  it('hands the default to the newest address left when the default goes', () => {
    const book = given(addressBook, homeSaved, { type: 'AddressSaved', address: older }, workSaved);
    const after = book
      .when(remove('a1'), tomorrow)
      .thenEmits(
        { type: 'AddressDeleted', address: homeRecord },
        { type: 'AddressMadeDefault', address: { ...work, isDefault: true, updatedAt: later.toISOString() } },
      );
    expect(after.addresses.map((address) => [address.id, address.isDefault])).toEqual([
      ['a0', false],
      ['a2', true],
    ]);
  });

  it('deletes any other address alone, and the last one without a successor', () => {
    given(addressBook, homeSaved, workSaved)
      .when(remove('a2'), customer)
      .thenEmits({ type: 'AddressDeleted', address: work });
    given(addressBook, homeSaved)
      .when(remove('a1'), customer)
      .thenEmits({ type: 'AddressDeleted', address: homeRecord });
  });

  it('refuses an address that is not in the book', () => {
    given(addressBook, homeSaved).when(remove('a9'), customer).thenRefuses('LOCATIONS.ADDRESS_NOT_FOUND');
  });
});

describe('resolving an address again after a hub changed', () => {
  const system = { actor: { kind: 'system' as const, id: 'locations.re-resolve' }, now: later };
  const resolveAgain = (to: Resolution) => ({
    type: 'ResolveAgain' as const,
    addressId: 'a1',
    lookup: () => to,
  });
  const outOfService: AddressRecord = {
    ...homeRecord,
    hubId: null,
    notServiceableReason: nowhere.notServiceableReason,
    resolvedAt: later.toISOString(),
    updatedAt: later.toISOString(),
  };

  it('moves the address to the hub that serves it now, or out of service', () => {
    given(addressBook, homeSaved).when(resolveAgain(nowhere), system).thenEmits({
      type: 'AddressResolved',
      address: outOfService,
      previousHubId: 'hub-1',
    });
  });

  it('does nothing when the pin still falls where it did, or when the address is gone', () => {
    given(addressBook, homeSaved).when(resolveAgain(inIndiranagar), system).thenEmits();
    given(addressBook).when(resolveAgain(nowhere), system).thenEmits();
  });

  it('only updates the reason of an address still outside every hub', () => {
    const outside: AddressEvent = {
      type: 'AddressSaved',
      address: { ...homeRecord, hubId: null, notServiceableReason: 'far away' },
    };
    given(addressBook, outside).when(resolveAgain(nowhere), system).thenEmits({
      type: 'NotServiceableReasonChanged',
      address: outOfService,
    });
  });
});

describe('address events on the wire', () => {
  const options = { actor: customer.actor, clock: new ManualClock(now) };

  it('are a snapshot for every change of an address, and nothing for a changed reason alone', () => {
    const wire = toWireEvents(
      [
        { type: 'AddressNoLongerDefault', address: { ...homeRecord, isDefault: false } },
        workSaved,
        { type: 'AddressDeleted', address: work },
        { type: 'NotServiceableReasonChanged', address: homeRecord },
        { type: 'AddressResolved', address: { ...homeRecord, hubId: null }, previousHubId: 'hub-1' },
      ],
      options,
    );
    expect(wire.map((event) => [event.type, event.data])).toEqual([
      [
        'locations.address_saved',
        {
          addressId: 'a1',
          customerId: 'c1',
          label: 'Home',
          lat: 12.97,
          lng: 77.64,
          isDefault: false,
          hubId: 'hub-1',
          isServiceable: true,
        },
      ],
      ['locations.address_saved', expect.objectContaining({ addressId: 'a2', isDefault: false })],
      ['locations.address_deleted', { addressId: 'a2', customerId: 'c1' }],
      [
        'locations.address_resolved',
        { addressId: 'a1', customerId: 'c1', previousHubId: 'hub-1', hubId: null, isServiceable: false },
      ],
    ]);
  });
});

describe('sortAddresses', () => {
  it('lists the default first, then the newest', () => {
    const list = [
      { id: 'old', isDefault: false, createdAt: '2026-01-01' },
      { id: 'default', isDefault: true, createdAt: '2025-01-01' },
      { id: 'new', isDefault: false, createdAt: '2026-06-01' },
    ];
    expect(sortAddresses(list).map((a) => a.id)).toEqual(['default', 'new', 'old']);
  });
});
