import { locationsRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { LocationsDeps } from '../deps.ts';
import { deleteAddress, editAddress, saveAddress } from './addresses.commands.ts';
import { findAddress, listAddresses } from './addresses.repository.ts';
import { sortAddresses } from './addresses.ts';

/** A customer's own addresses: the principal is the owner, so anyone else's address is not found. */
export function registerAddressRoutes(app: FastifyInstance, deps: LocationsDeps): void {
  const { db } = deps;

  implementRoute(app, db, locationsRoutes.listAddresses, async ({ principal }) => ({
    items: sortAddresses(await listAddresses(db.pool, principal.id)),
  }));

  implementRoute(app, db, locationsRoutes.getAddress, ({ params, principal }) =>
    findAddress(db.pool, principal.id, params.addressId),
  );

  implementRoute(app, db, locationsRoutes.createAddress, ({ body, principal }) =>
    saveAddress(deps, principal.id, body),
  );

  implementRoute(app, db, locationsRoutes.updateAddress, ({ params, body, principal }) =>
    editAddress(deps, principal.id, params.addressId, body),
  );

  implementRoute(app, db, locationsRoutes.deleteAddress, async ({ params, principal }) => {
    await deleteAddress(deps, principal.id, params.addressId);
    return null;
  });
}
