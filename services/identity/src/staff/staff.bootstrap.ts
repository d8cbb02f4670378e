import type { Clock, Database, Logger } from '@zefy/platform';
import { hashPassword, passwordProblem } from './staff.passwords.ts';
import { createStaffIfAbsent, findStaffByEmail, type StaffRole } from './staff.repository.ts';

/**
 * Creates a staff account unless one with the email exists: an existing account keeps its password, so
 * ADMIN_PASSWORD left in the environment never resets it. Returns whether it created one.
 */
export async function ensureStaffAccount(
  db: Database,
  clock: Clock,
  account: { email: string; password: string; role: StaffRole; id?: string },
  logger?: Logger,
): Promise<boolean> {
  const problem = passwordProblem(account.password);
  if (problem) throw new Error(`password of ${account.email}: ${problem}`);
  if (await findStaffByEmail(db.pool, account.email)) return false;
  const isCreated = await createStaffIfAbsent(
    db.pool,
    {
      email: account.email,
      role: account.role,
      passwordHash: await hashPassword(account.password),
      id: account.id,
    },
    clock.now(),
  );
  if (isCreated) logger?.info({ email: account.email, role: account.role }, 'staff account created');
  return isCreated;
}
