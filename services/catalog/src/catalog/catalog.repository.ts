import type { CatalogService } from '@zefy/contracts';
import { AppError, appendToOutbox, type DomainEvent, type Sql, type Transaction } from '@zefy/platform';
import type { CategoryCount } from './catalog.ts';

interface ServiceRow {
  id: string;
  name: string;
  category: string;
  base_price_paise: number;
  created_at: Date;
}

const toService = (row: ServiceRow): CatalogService => ({
  id: row.id,
  name: row.name,
  category: row.category,
  basePricePaise: row.base_price_paise,
  createdAt: row.created_at.toISOString(),
});

export async function insertService(
  tx: Transaction,
  service: CatalogService,
  event: DomainEvent<'catalog.service_created'>,
): Promise<void> {
  try {
    await tx.query(
      'INSERT INTO services (id, name, category, base_price_paise, created_at) VALUES ($1, $2, $3, $4, $5)',
      [service.id, service.name, service.category, service.basePricePaise, service.createdAt],
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new AppError('CATALOG.SERVICE_NAME_TAKEN', `"${service.name}" already exists`);
    throw error;
  }
  await appendToOutbox(tx, [event]);
}

export async function listServices(sql: Sql): Promise<CatalogService[]> {
  const { rows } = await sql.query<ServiceRow>('SELECT * FROM services ORDER BY category, name');
  return rows.map(toService);
}

export async function countServiceInCategory(tx: Transaction, category: string): Promise<void> {
  await tx.query(
    `INSERT INTO category_stats (category, service_count) VALUES ($1, 1)
     ON CONFLICT (category) DO UPDATE SET service_count = category_stats.service_count + 1`,
    [category],
  );
}

export async function listCategoryCounts(sql: Sql): Promise<CategoryCount[]> {
  const { rows } = await sql.query<{ category: string; service_count: number }>(
    'SELECT category, service_count FROM category_stats',
  );
  return rows.map((row) => ({ category: row.category, serviceCount: row.service_count }));
}
