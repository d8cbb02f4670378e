import type { Partner, PartnerStatus } from '@zefy/contracts';
import { AppError, type Sql, type Transaction } from '@zefy/platform';

interface PartnerRow {
  id: string;
  name: string;
  phone: string;
  photo_url: string | null;
  skills: string[];
  hub_id: string;
  status: PartnerStatus;
  status_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  phone: row.phone,
  photoUrl: row.photo_url,
  skills: row.skills,
  hubId: row.hub_id,
  status: row.status,
  statusReason: row.status_reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const phoneTaken = (error: unknown, phone: string) =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'partners_phone_key'
    ? new AppError('IDENTITY.PARTNER_PHONE_TAKEN', `${phone} belongs to another partner`)
    : error;

/** Locks the row for the rest of the transaction, so concurrent admin edits apply one after the other. */
export async function findPartnerForUpdate(tx: Transaction, id: string): Promise<Partner | null> {
  const { rows } = await tx.query<PartnerRow>('SELECT * FROM partners WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ? toPartner(rows[0]) : null;
}

export async function findPartner(sql: Sql, id: string): Promise<Partner | null> {
  const { rows } = await sql.query<PartnerRow>('SELECT * FROM partners WHERE id = $1', [id]);
  return rows[0] ? toPartner(rows[0]) : null;
}

export async function findPartnerByPhone(sql: Sql, phone: string): Promise<Partner | null> {
  const { rows } = await sql.query<PartnerRow>('SELECT * FROM partners WHERE phone = $1', [phone]);
  return rows[0] ? toPartner(rows[0]) : null;
}

const partnerColumns = (partner: Partner) => [
  partner.id,
  partner.name,
  partner.phone,
  partner.photoUrl,
  partner.skills,
  partner.hubId,
  partner.status,
  partner.statusReason,
  partner.createdAt,
  partner.updatedAt,
];

/** Inserts, or does nothing when the id exists (an idempotent seed); true when inserted. */
export async function insertPartner(tx: Transaction, partner: Partner): Promise<boolean> {
  try {
    const { rowCount } = await tx.query(
      `INSERT INTO partners (id, name, phone, photo_url, skills, hub_id, status, status_reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
      partnerColumns(partner),
    );
    return rowCount === 1;
  } catch (error) {
    throw phoneTaken(error, partner.phone);
  }
}

export async function savePartner(tx: Transaction, partner: Partner): Promise<void> {
  try {
    await tx.query(
      `UPDATE partners SET name = $2, phone = $3, photo_url = $4, skills = $5, hub_id = $6, status = $7,
         status_reason = $8, updated_at = $9 WHERE id = $1`,
      // every column but created_at, which an edit never changes
      partnerColumns(partner).filter((_, index) => index !== 8),
    );
  } catch (error) {
    throw phoneTaken(error, partner.phone);
  }
}

export interface PartnerFilter {
  status?: PartnerStatus;
  hubId?: string;
  search?: string;
  limit: number;
  after?: string;
}

/** Newest first by id (UUIDv7); the cursor is the last id of the previous page. */
export async function listPartners(
  sql: Sql,
  filter: PartnerFilter,
): Promise<{ items: Partner[]; nextCursor: string | null }> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(condition(`$${values.length}`));
  };
  if (filter.status) add((p) => `status = ${p}`, filter.status);
  if (filter.hubId) add((p) => `hub_id = ${p}`, filter.hubId);
  if (filter.search)
    add(
      (p) => `(name ILIKE ${p} OR phone LIKE ${p})`,
      `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  if (filter.after) add((p) => `id < ${p}`, filter.after);
  values.push(filter.limit + 1);
  const { rows } = await sql.query<PartnerRow>(
    `SELECT * FROM partners ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  const page = rows.slice(0, filter.limit).map(toPartner);
  return { items: page, nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
}
