import type { Customer, CustomerPatch } from '@zefy/contracts';
import { appendToOutbox, type Clock, createEvent, newId, type Sql, type Transaction } from '@zefy/platform';

interface CustomerRow {
  id: string;
  phone: string;
  name: string | null;
  email: string | null;
  created_at: Date;
  updated_at: Date;
}

const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  phone: row.phone,
  name: row.name,
  email: row.email,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/**
 * The customer with this phone, signed up now if new (with `identity.customer_registered` in the same
 * transaction). Two first logins racing for one phone create one customer.
 */
export async function findOrRegisterCustomer(
  tx: Transaction,
  phone: string,
  clock: Clock,
  id: string = newId(),
): Promise<{ customer: Customer; isNew: boolean }> {
  const now = clock.now();
  const inserted = await tx.query<CustomerRow>(
    `INSERT INTO customers (id, phone, created_at, updated_at) VALUES ($1, $2, $3, $3)
     ON CONFLICT DO NOTHING RETURNING *`,
    [id, phone, now],
  );
  const row = inserted.rows[0];
  if (row) {
    await appendToOutbox(tx, [
      createEvent(
        'identity.customer_registered',
        { customerId: row.id, phone: row.phone },
        { actor: { kind: 'customer', id: row.id }, clock },
      ),
    ]);
    return { customer: toCustomer(row), isNew: true };
  }
  const { rows } = await tx.query<CustomerRow>('SELECT * FROM customers WHERE phone = $1', [phone]);
  if (!rows[0]) throw new Error(`customer ${id} conflicts on id, not phone`);
  return { customer: toCustomer(rows[0]), isNew: false };
}

export async function findCustomer(sql: Sql, id: string): Promise<Customer | null> {
  const { rows } = await sql.query<CustomerRow>('SELECT * FROM customers WHERE id = $1', [id]);
  return rows[0] ? toCustomer(rows[0]) : null;
}

export async function updateCustomer(
  sql: Sql,
  id: string,
  patch: CustomerPatch,
  clock: Clock,
): Promise<Customer | null> {
  const { rows } = await sql.query<CustomerRow>(
    `UPDATE customers SET
       name = CASE WHEN $2 THEN $3 ELSE name END,
       email = CASE WHEN $4 THEN $5 ELSE email END,
       updated_at = $6
     WHERE id = $1 RETURNING *`,
    [
      id,
      patch.name !== undefined,
      patch.name?.trim().replace(/\s+/g, ' ') ?? null,
      patch.email !== undefined,
      patch.email?.trim().toLowerCase() ?? null,
      clock.now(),
    ],
  );
  return rows[0] ? toCustomer(rows[0]) : null;
}
