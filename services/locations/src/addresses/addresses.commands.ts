import type { Actor, Address, AddressPatch, NewAddress } from '@zefy/contracts';
import { decideOrThrow, newId, type Transaction } from '@zefy/platform';
import type { BBox } from '@zefy/rules';
import type { LocationsDeps } from '../deps.ts';
import { toWireEvents } from './addresses.events.ts';
import {
  findAddress,
  insertAddress,
  lockAddressBook,
  lockAddressesAffectedBy,
  lockCustomerAddresses,
  storeAddressChanges,
} from './addresses.repository.ts';
import { type AddressCommand, type AddressRecord, addressBook } from './addresses.ts';

const asCustomer = (customerId: string): Actor => ({ kind: 'customer', id: customerId });

/** decide on the addresses the command concerns, then store the changes and their events in `tx`. */
async function decideAndStore(
  deps: LocationsDeps,
  tx: Transaction,
  command: AddressCommand,
  addresses: readonly AddressRecord[],
  actor: Actor,
): Promise<void> {
  const { events } = decideOrThrow(addressBook, command, { addresses }, { actor, now: deps.clock.now() });
  await storeAddressChanges(tx, events, toWireEvents(events, { actor, clock: deps.clock }));
}

/**
 * The customer's addresses, one writer at a time (the default rule spans them), with the hub map held still
 * while a pin is resolved against it.
 */
async function lockBookForPinning(deps: LocationsDeps, tx: Transaction, customerId: string) {
  await lockCustomerAddresses(tx, customerId);
  const lookup = await deps.resolver.lockedLookup(tx);
  return { lookup, book: await lockAddressBook(tx, customerId) };
}

export function saveAddress(deps: LocationsDeps, customerId: string, input: NewAddress): Promise<Address> {
  return deps.db.transaction(async (tx) => {
    const { lookup, book } = await lockBookForPinning(deps, tx, customerId);
    const id = newId();
    const command = { type: 'SaveAddress', id, customerId, input, lookup } as const;
    await decideAndStore(deps, tx, command, book, asCustomer(customerId));
    return findAddress(tx, customerId, id);
  });
}

export function editAddress(
  deps: LocationsDeps,
  customerId: string,
  addressId: string,
  patch: AddressPatch,
): Promise<Address> {
  return deps.db.transaction(async (tx) => {
    const { lookup, book } = await lockBookForPinning(deps, tx, customerId);
    const command = { type: 'EditAddress', addressId, patch, lookup } as const;
    await decideAndStore(deps, tx, command, book, asCustomer(customerId));
    return findAddress(tx, customerId, addressId);
  });
}

export function deleteAddress(deps: LocationsDeps, customerId: string, addressId: string): Promise<void> {
  return deps.db.transaction(async (tx) => {
    await lockCustomerAddresses(tx, customerId);
    const book = await lockAddressBook(tx, customerId);
    await decideAndStore(deps, tx, { type: 'DeleteAddress', addressId }, book, asCustomer(customerId));
  });
}

/**
 * A hub created or edited can move addresses in or out of service: every address pinned in its old or new
 * bounding box, or mapped to it, is resolved again in the caller's transaction.
 */
export async function reResolveAddresses(
  deps: LocationsDeps,
  tx: Transaction,
  hub: { hubId: string; boxes: readonly [BBox, BBox] },
  actor: Actor,
): Promise<void> {
  const lookup = await deps.resolver.lockedLookup(tx);
  for (const address of await lockAddressesAffectedBy(tx, hub.hubId, hub.boxes))
    await decideAndStore(deps, tx, { type: 'ResolveAgain', addressId: address.id, lookup }, [address], actor);
}

/**
 * Seed data, with the ids it carries, in the caller's transaction (after its hubs): each address checked and
 * resolved as the API would, but the data set marks each customer's one default itself.
 */
export async function importAddresses(
  deps: LocationsDeps,
  tx: Transaction,
  entries: ReadonlyArray<NewAddress & { id: string; customerId: string; isDefault: boolean }>,
  actor: Actor,
): Promise<void> {
  const lookup = await deps.resolver.lockedLookup(tx);
  const context = { actor, now: deps.clock.now() };
  for (const { id, customerId, isDefault, ...input } of entries) {
    const command = { type: 'SaveAddress', id, customerId, input, lookup } as const;
    const { events } = decideOrThrow(addressBook, command, addressBook.initialState, context);
    // on an empty book the one event is the address saved
    const address = { ...events[0]!.address, isDefault };
    const wire = toWireEvents([{ type: 'AddressSaved', address }], { actor, clock: deps.clock });
    await insertAddress(tx, address, wire, { onConflict: 'skip' });
  }
}
