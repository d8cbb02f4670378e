import type { Role } from '@zefy/contracts';
import { newId, type Sql } from '@zefy/platform';

export type StaffRole = Extract<Role, 'admin' | 'ops'>;

export interface StaffAccount {
  id: string;
  email: string;
  role: StaffRole;
  passwordHash: string;
}

export async function findStaffByEmail(sql: Sql, email: string): Promise<StaffAccount | null> {
  const { rows } = await sql.query<{ id: string; email: string; role: StaffRole; password_hash: string }>(
    'SELECT id, email, role, password_hash FROM staff WHERE lower(email) = lower($1)',
    [email.trim()],
  );
  const row = rows[0];
  return row ? { id: row.id, email: row.email, role: row.role, passwordHash: row.password_hash } : null;
}

/** Creates the account unless the email exists (instances starting together create it once); true if created. */
export async function createStaffIfAbsent(
  sql: Sql,
  account: { email: string; role: StaffRole; passwordHash: string; id?: string },
  now: Date,
): Promise<boolean> {
  const { rowCount } = await sql.query(
    `INSERT INTO staff (id, email, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [account.id ?? newId(), account.email.trim(), account.passwordHash, account.role, now],
  );
  return rowCount === 1;
}

export async function setStaffPassword(sql: Sql, email: string, passwordHash: string): Promise<boolean> {
  const { rowCount } = await sql.query('UPDATE staff SET password_hash = $2 WHERE lower(email) = lower($1)', [
    email.trim(),
    passwordHash,
  ]);
  return rowCount === 1;
}
