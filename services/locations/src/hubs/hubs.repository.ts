import type { Hub } from '@zefy/contracts';
import { AppError, appendToOutbox, type DomainEvent, type Sql, type Transaction } from '@zefy/platform';
import type { PolygonGeometry } from '@zefy/rules';
import type { IndexedHub } from './hub-index.ts';

export interface HubRow {
  id: string;
  name: string;
  city: string;
  timezone: string;
  polygon: PolygonGeometry;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
  area_m2: number;
  is_active: boolean;
  legal_name: string | null;
  gstin: string | null;
  registered_address: string | null;
  revision: number;
  created_at: Date;
  updated_at: Date;
}

export const toHub = (row: HubRow): Hub => ({
  id: row.id,
  name: row.name,
  city: row.city,
  timezone: row.timezone,
  polygon: row.polygon,
  bbox: [row.min_lng, row.min_lat, row.max_lng, row.max_lat],
  areaSquareMetres: row.area_m2,
  isActive: row.is_active,
  // the table keeps the three together (hubs_tax_identity_whole)
  taxIdentity:
    row.gstin === null
      ? null
      : {
          legalName: row.legal_name ?? '',
          gstin: row.gstin,
          registeredAddress: row.registered_address ?? '',
        },
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const toIndexedHub = (row: HubRow): IndexedHub => ({
  id: row.id,
  name: row.name,
  bbox: [row.min_lng, row.min_lat, row.max_lng, row.max_lat],
  ring: row.polygon.coordinates[0]!,
  areaSquareMetres: row.area_m2,
  createdAt: row.created_at.getTime(),
});

/**
 * Hub writes and pin resolutions are serialised by one advisory lock (exclusive for hub writes, shared for
 * resolutions): a pin resolved while a hub changes either commits first, and is then re-resolved by the
 * hub's event, or waits and sees the new outline. No address is left resolved against a stale map.
 */
const hubMapLock = "hashtext('locations.hub-map')";
export const lockHubMapForWrite = (tx: Transaction) =>
  tx.query(`SELECT pg_advisory_xact_lock(${hubMapLock})`);
export const lockHubMapForRead = (tx: Transaction) =>
  tx.query(`SELECT pg_advisory_xact_lock_shared(${hubMapLock})`);

function rethrowNameTaken(error: unknown, hub: Hub): never {
  if ((error as { code?: string }).code === '23505')
    throw new AppError('LOCATIONS.HUB_NAME_TAKEN', `${hub.city} already has a hub named "${hub.name}"`);
  throw error;
}

const hubValues = (hub: Hub) => [
  hub.id,
  hub.name,
  hub.city,
  hub.timezone,
  JSON.stringify(hub.polygon),
  ...hub.bbox,
  hub.areaSquareMetres,
  hub.isActive,
  hub.createdAt,
  hub.updatedAt,
  hub.taxIdentity?.legalName ?? null,
  hub.taxIdentity?.gstin ?? null,
  hub.taxIdentity?.registeredAddress ?? null,
];

/** Inserts the hub and its events; resolves false when `onConflict: 'skip'` met an existing id or name (seeding). */
export async function insertHub(
  tx: Transaction,
  hub: Hub,
  events: readonly DomainEvent[],
  options: { onConflict: 'fail' | 'skip' } = { onConflict: 'fail' },
): Promise<boolean> {
  await lockHubMapForWrite(tx);
  let isInserted: boolean;
  try {
    const result = await tx.query(
      `INSERT INTO hubs (id, name, city, timezone, polygon, min_lng, min_lat, max_lng, max_lat, area_m2, is_active,
         created_at, updated_at, legal_name, gstin, registered_address)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ${options.onConflict === 'skip' ? 'ON CONFLICT DO NOTHING' : ''}`,
      hubValues(hub),
    );
    isInserted = result.rowCount === 1;
  } catch (error) {
    rethrowNameTaken(error, hub);
  }
  if (isInserted) await appendToOutbox(tx, events);
  return isInserted;
}

export async function lockHub(tx: Transaction, id: string): Promise<Hub> {
  await lockHubMapForWrite(tx);
  const { rows } = await tx.query<HubRow>('SELECT * FROM hubs WHERE id = $1 FOR UPDATE', [id]);
  if (!rows[0]) throw new AppError('LOCATIONS.HUB_NOT_FOUND', `There is no hub ${id}`);
  return toHub(rows[0]);
}

export async function saveHub(tx: Transaction, hub: Hub, events: readonly DomainEvent[]): Promise<void> {
  try {
    await tx.query(
      `UPDATE hubs SET name = $2, city = $3, timezone = $4, polygon = $5, min_lng = $6, min_lat = $7,
         max_lng = $8, max_lat = $9, area_m2 = $10, is_active = $11, updated_at = $12, legal_name = $13,
         gstin = $14, registered_address = $15, revision = nextval('hub_revision')
       WHERE id = $1`,
      // every column but created_at, which an edit never changes
      hubValues(hub).filter((_, index) => index !== 11),
    );
  } catch (error) {
    rethrowNameTaken(error, hub);
  }
  await appendToOutbox(tx, events);
}

export async function findHub(sql: Sql, id: string): Promise<Hub> {
  const { rows } = await sql.query<HubRow>('SELECT * FROM hubs WHERE id = $1', [id]);
  if (!rows[0]) throw new AppError('LOCATIONS.HUB_NOT_FOUND', `There is no hub ${id}`);
  return toHub(rows[0]);
}

export async function listHubs(sql: Sql): Promise<Hub[]> {
  const { rows } = await sql.query<HubRow>('SELECT * FROM hubs ORDER BY city, name');
  return rows.map(toHub);
}

export async function currentHubRevision(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ revision: number }>(
    'SELECT coalesce(max(revision), 0)::bigint AS revision FROM hubs',
  );
  return rows[0]?.revision ?? 0;
}

export async function loadActiveHubs(sql: Sql): Promise<{ revision: number; hubs: IndexedHub[] }> {
  const { rows } = await sql.query<HubRow>('SELECT * FROM hubs');
  return {
    revision: rows.reduce((max, row) => Math.max(max, row.revision), 0),
    hubs: rows.filter((row) => row.is_active).map(toIndexedHub),
  };
}

export async function claimSeed(tx: Transaction, name: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    'INSERT INTO seed_markers (name) VALUES ($1) ON CONFLICT (name) DO NOTHING',
    [name],
  );
  return rowCount === 1;
}
