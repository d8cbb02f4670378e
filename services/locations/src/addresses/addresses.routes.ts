import { type Actor, locationsRoutes } from '@zefy/contracts';
import {
  appendToOutbox,
  type Clock,
  createEvent,
  type DomainEvent,
  implementRoute,
  newId,
  type ServiceContext,
  unwrap,
} from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { resolvePin } from '../hubs/hub-index.ts';
import { lockHubMapForRead } from '../hubs/hubs.repository.ts';
import type { HubResolver } from '../hubs/hubs.resolver.ts';
import {
  clearDefault,
  countAddresses,
  deleteAddress,
  findAddress,
  insertAddress,
  listAddresses,
  lockAddress,
  lockCustomerAddresses,
  promoteNewestToDefault,
  saveAddress,
} from './addresses.repository.ts';
import { type AddressRecord, applyAddressPatch, planNewAddress, sortAddresses } from './addresses.ts';

export const addressSavedEvent = (
  address: AddressRecord,
  options: { actor: Actor; clock: Clock },
): DomainEvent<'locations.address_saved'> =>
  createEvent(
    'locations.address_saved',
    {
      addressId: address.id,
      customerId: address.customerId,
      label: address.label,
      lat: address.lat,
      lng: address.lng,
      isDefault: address.isDefault,
      hubId: address.hubId,
      isServiceable: address.hubId !== null,
    },
    options,
  );

export function registerAddressRoutes(
  app: FastifyInstance,
  context: ServiceContext,
  resolver: HubResolver,
): void {
  const { db, clock } = context;
  const customer = (id: string): { actor: Actor; clock: Clock } => ({
    actor: { kind: 'customer', id },
    clock,
  });

  implementRoute(app, db, locationsRoutes.listAddresses, async ({ principal }) => ({
    items: sortAddresses(await listAddresses(db.pool, principal.id)),
  }));

  implementRoute(app, db, locationsRoutes.getAddress, async ({ params, principal }) =>
    findAddress(db.pool, principal.id, params.addressId),
  );

  implementRoute(app, db, locationsRoutes.createAddress, async ({ body, principal }) =>
    db.transaction(async (tx) => {
      await lockCustomerAddresses(tx, principal.id);
      await lockHubMapForRead(tx);
      const index = await resolver.index(tx);
      const now = clock.now();
      const address = unwrap(
        planNewAddress(body, {
          id: newId(),
          customerId: principal.id,
          now,
          isFirst: (await countAddresses(tx, principal.id)) === 0,
          resolve: (lat, lng) => resolvePin(index, [lng, lat]),
        }),
      );
      const demoted = address.isDefault ? await clearDefault(tx, principal.id, address.id, now) : [];
      await insertAddress(tx, address);
      await appendToOutbox(
        tx,
        [...demoted, address].map((changed) => addressSavedEvent(changed, customer(principal.id))),
      );
      return findAddress(tx, principal.id, address.id);
    }),
  );

  implementRoute(app, db, locationsRoutes.updateAddress, async ({ params, body, principal }) =>
    db.transaction(async (tx) => {
      await lockCustomerAddresses(tx, principal.id);
      await lockHubMapForRead(tx);
      const current = await lockAddress(tx, principal.id, params.addressId);
      const index = await resolver.index(tx);
      const now = clock.now();
      const address = unwrap(
        applyAddressPatch(current, body, { now, resolve: (lat, lng) => resolvePin(index, [lng, lat]) }),
      );
      const demoted =
        address.isDefault && !current.isDefault ? await clearDefault(tx, principal.id, address.id, now) : [];
      await saveAddress(tx, address);
      await appendToOutbox(
        tx,
        [...demoted, address].map((changed) => addressSavedEvent(changed, customer(principal.id))),
      );
      return findAddress(tx, principal.id, address.id);
    }),
  );

  implementRoute(app, db, locationsRoutes.deleteAddress, async ({ params, principal }) => {
    await db.transaction(async (tx) => {
      await lockCustomerAddresses(tx, principal.id);
      const deleted = await deleteAddress(tx, principal.id, params.addressId);
      const promoted = deleted.isDefault
        ? await promoteNewestToDefault(tx, principal.id, clock.now())
        : undefined;
      await appendToOutbox(tx, [
        createEvent(
          'locations.address_deleted',
          { addressId: deleted.id, customerId: deleted.customerId },
          customer(principal.id),
        ),
        ...(promoted ? [addressSavedEvent(promoted, customer(principal.id))] : []),
      ]);
    });
    return null;
  });
}
