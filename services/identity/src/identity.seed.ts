import type { PartnerStatus } from '@zefy/contracts';
import { findOrRegisterCustomer, updateCustomer } from './customers/customers.repository.ts';
import type { IdentityDeps } from './deps.ts';
import { importPartner } from './partners/partners.commands.ts';
import { requirePhone } from './phone/phone.input.ts';
import { ensureStaffAccount } from './staff/staff.bootstrap.ts';
import type { StaffRole } from './staff/staff.repository.ts';

export interface IdentitySeed {
  staff?: Array<{ email: string; password: string; role: StaffRole }>;
  partners?: Array<{
    id: string;
    name: string;
    phone: string;
    photoUrl?: string | null;
    skills: string[];
    hubId: string;
    status: PartnerStatus;
  }>;
  customers?: Array<{ id: string; phone: string; name?: string | null; email?: string | null }>;
}

/**
 * Loads demo or test data through the same paths as the API (events in the outbox, so other services'
 * projections fill up). Idempotent: records that exist (by id, or by email for staff) are left as they are,
 * so the seed may run at every start.
 */
export async function seedIdentity(
  deps: Pick<IdentityDeps, 'db' | 'clock' | 'logger'>,
  data: IdentitySeed,
): Promise<{ staff: number; partners: number; customers: number }> {
  const { db, clock } = deps;
  const created = { staff: 0, partners: 0, customers: 0 };
  for (const account of data.staff ?? []) {
    if (await ensureStaffAccount(db, clock, account, deps.logger)) created.staff += 1;
  }
  for (const partner of data.partners ?? []) {
    const before = await db.pool.query('SELECT 1 FROM partners WHERE id = $1', [partner.id]);
    if (before.rowCount === 1) continue;
    await importPartner(deps, partner);
    created.partners += 1;
  }
  for (const customer of data.customers ?? []) {
    const phone = requirePhone(customer.phone);
    const { isNew } = await db.transaction((tx) => findOrRegisterCustomer(tx, phone, clock, customer.id));
    if (!isNew) continue;
    if (customer.name !== undefined || customer.email !== undefined)
      await updateCustomer(db.pool, customer.id, { name: customer.name, email: customer.email }, clock);
    created.customers += 1;
  }
  return created;
}
