import { identityRoutes } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { IdentityDeps } from '../deps.ts';
import { findCustomer, updateCustomer } from './customers.repository.ts';

/** A customer reaches only their own record: the id comes from the token, never from the request. */
export function registerCustomerRoutes(app: FastifyInstance, deps: IdentityDeps): void {
  const { db, clock } = deps;
  const notFound = () => new AppError('IDENTITY.CUSTOMER_NOT_FOUND', 'No customer account for this token');

  implementRoute(app, db, identityRoutes.getMe, async ({ principal }) => {
    const customer = await findCustomer(db.pool, principal.id);
    if (!customer) throw notFound();
    return customer;
  });

  implementRoute(app, db, identityRoutes.updateMe, async ({ principal, body }) => {
    const customer = await updateCustomer(db.pool, principal.id, body, clock);
    if (!customer) throw notFound();
    return customer;
  });
}
