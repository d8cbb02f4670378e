import type { CatalogCategory } from '@zefy/contracts';
import { AppError, appendToOutbox, type DomainEvent, type Sql, type Transaction } from '@zefy/platform';
import type { CategoryRecord, ServiceRecord } from './catalog.ts';

interface ServiceRow {
  id: string;
  name: string;
  category: string;
  description: string;
  image_url: string | null;
  included_minutes: number;
  base_price_paise: number;
  grace_minutes: number;
  extra_block_minutes: number;
  extra_block_price_paise: number;
  tax_rate_basis_points: number;
  skill: string;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

interface CategoryRow {
  id: string;
  name: string;
  description: string;
  image_url: string | null;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
  service_count?: number;
}

const toService = (row: ServiceRow): ServiceRecord => ({
  id: row.id,
  name: row.name,
  category: row.category,
  description: row.description,
  imageUrl: row.image_url,
  includedMinutes: row.included_minutes,
  basePricePaise: row.base_price_paise,
  extraCharge: {
    graceMinutes: row.grace_minutes,
    blockMinutes: row.extra_block_minutes,
    blockPricePaise: row.extra_block_price_paise,
  },
  taxRateBasisPoints: row.tax_rate_basis_points,
  skill: row.skill,
  isActive: row.is_active,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toCategory = (row: CategoryRow): CatalogCategory => ({
  id: row.id,
  name: row.name,
  description: row.description,
  imageUrl: row.image_url,
  isActive: row.is_active,
  serviceCount: row.service_count ?? 0,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const serviceColumns = (s: ServiceRecord) => [
  s.id,
  s.name,
  s.category,
  s.description,
  s.imageUrl,
  s.includedMinutes,
  s.basePricePaise,
  s.extraCharge.graceMinutes,
  s.extraCharge.blockMinutes,
  s.extraCharge.blockPricePaise,
  s.taxRateBasisPoints,
  s.skill,
  s.isActive,
  s.createdAt,
  s.updatedAt,
];

function rethrowConstraint(error: unknown, service: ServiceRecord): never {
  const code = (error as { code?: string }).code;
  if (code === '23505') throw new AppError('CATALOG.SERVICE_NAME_TAKEN', `"${service.name}" already exists`);
  if (code === '23503')
    throw new AppError(
      'CATALOG.CATEGORY_UNKNOWN',
      `There is no category "${service.category}"; create it first (POST /api/v1/catalog/categories)`,
    );
  throw error;
}

/** Inserts the service; resolves false when `onConflict: 'skip'` met an existing id or name (seeding). */
export async function insertService(
  tx: Transaction,
  service: ServiceRecord,
  events: readonly DomainEvent[],
  options: { onConflict: 'fail' | 'skip' } = { onConflict: 'fail' },
): Promise<boolean> {
  let inserted: boolean;
  try {
    const result = await tx.query(
      `INSERT INTO services (id, name, category, description, image_url, included_minutes, base_price_paise,
         grace_minutes, extra_block_minutes, extra_block_price_paise, tax_rate_basis_points, skill, is_active,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ${options.onConflict === 'skip' ? 'ON CONFLICT DO NOTHING' : ''}`,
      serviceColumns(service),
    );
    inserted = result.rowCount === 1;
  } catch (error) {
    rethrowConstraint(error, service);
  }
  if (inserted) await appendToOutbox(tx, events);
  return inserted;
}

export async function lockService(tx: Transaction, id: string): Promise<ServiceRecord> {
  const { rows } = await tx.query<ServiceRow>('SELECT * FROM services WHERE id = $1 FOR UPDATE', [id]);
  if (!rows[0]) throw new AppError('CATALOG.SERVICE_NOT_FOUND', `There is no service ${id}`);
  return toService(rows[0]);
}

export async function saveService(
  tx: Transaction,
  service: ServiceRecord,
  events: readonly DomainEvent[],
): Promise<void> {
  try {
    await tx.query(
      `UPDATE services SET name = $2, category = $3, description = $4, image_url = $5, included_minutes = $6,
         base_price_paise = $7, grace_minutes = $8, extra_block_minutes = $9, extra_block_price_paise = $10,
         tax_rate_basis_points = $11, skill = $12, is_active = $13, updated_at = $14
       WHERE id = $1`,
      // every column but created_at, which an edit never changes
      serviceColumns(service).filter((_, index) => index !== 13),
    );
  } catch (error) {
    rethrowConstraint(error, service);
  }
  await appendToOutbox(tx, events);
}

export async function findService(sql: Sql, id: string): Promise<ServiceRecord> {
  const { rows } = await sql.query<ServiceRow>('SELECT * FROM services WHERE id = $1', [id]);
  if (!rows[0]) throw new AppError('CATALOG.SERVICE_NOT_FOUND', `There is no service ${id}`);
  return toService(rows[0]);
}

/** Offered services: active, in an active category; admins may ask for everything. */
export async function listServices(
  sql: Sql,
  options: { includeInactive: boolean },
): Promise<ServiceRecord[]> {
  const { rows } = await sql.query<ServiceRow>(
    `SELECT s.* FROM services s JOIN categories c ON c.id = s.category
     WHERE $1 OR (s.is_active AND c.is_active)
     ORDER BY s.category, s.name`,
    [options.includeInactive],
  );
  return rows.map(toService);
}

export async function insertCategory(
  sql: Sql,
  category: CategoryRecord,
  options: { onConflict: 'fail' | 'skip' } = { onConflict: 'fail' },
): Promise<CatalogCategory> {
  try {
    await sql.query(
      `INSERT INTO categories (id, name, description, image_url, is_active, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ${options.onConflict === 'skip' ? 'ON CONFLICT DO NOTHING' : ''}`,
      [
        category.id,
        category.name,
        category.description,
        category.imageUrl,
        category.isActive,
        category.createdAt,
        category.updatedAt,
      ],
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new AppError('CATALOG.CATEGORY_TAKEN', `The category "${category.id}" already exists`);
    throw error;
  }
  return { ...category, serviceCount: 0 };
}

export async function lockCategory(tx: Transaction, id: string): Promise<CategoryRecord> {
  const { rows } = await tx.query<CategoryRow>('SELECT * FROM categories WHERE id = $1 FOR UPDATE', [id]);
  if (!rows[0]) throw new AppError('CATALOG.CATEGORY_NOT_FOUND', `There is no category "${id}"`);
  return toCategory(rows[0]);
}

export async function saveCategory(tx: Transaction, category: CategoryRecord): Promise<void> {
  await tx.query(
    'UPDATE categories SET name = $2, description = $3, image_url = $4, is_active = $5, updated_at = $6 WHERE id = $1',
    [
      category.id,
      category.name,
      category.description,
      category.imageUrl,
      category.isActive,
      category.updatedAt,
    ],
  );
}

export async function listCategories(
  sql: Sql,
  options: { includeInactive: boolean; id?: string },
): Promise<CatalogCategory[]> {
  const { rows } = await sql.query<CategoryRow>(
    `SELECT c.*, (SELECT count(*)::int FROM services s WHERE s.category = c.id AND s.is_active) AS service_count
     FROM categories c WHERE ($1 OR c.is_active) AND ($2::text IS NULL OR c.id = $2)`,
    [options.includeInactive, options.id ?? null],
  );
  return rows.map(toCategory);
}

export async function countServiceInCategory(tx: Transaction, category: string): Promise<void> {
  await tx.query(
    `INSERT INTO category_stats (category, service_count) VALUES ($1, 1)
     ON CONFLICT (category) DO UPDATE SET service_count = category_stats.service_count + 1`,
    [category],
  );
}

/** Claims a seed data set for this schema; false when it was applied before (or by a concurrent start). */
export async function claimSeed(tx: Transaction, name: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    'INSERT INTO seed_markers (name) VALUES ($1) ON CONFLICT (name) DO NOTHING',
    [name],
  );
  return rowCount === 1;
}
