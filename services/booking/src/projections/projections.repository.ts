import type { Sql, Transaction } from '@zefy/platform';
import type { PricingRule } from '@zefy/rules';
import type { BBox } from '../presence/presence.ts';

/**
 * Booking's copies of what other services own, kept by their events (projections.consumers.ts). Each upsert
 * applies only if the event is not older than what is stored, so redelivered or reordered events are safe.
 */
export interface HubProjection {
  id: string;
  name: string;
  timezone: string;
  isActive: boolean;
  bbox: BBox | null;
}

export interface PartnerProjection {
  id: string;
  hubId: string | null;
  /** The catalog service ids the partner may do (identity's partner skills). */
  skills: string[];
  status: string;
  name: string | null;
}

/** A catalog service: what it costs (the shared pricing rule), how long it takes, who can do it. */
export interface ServiceProjection extends PricingRule {
  id: string;
  name: string;
  skill: string;
  isActive: boolean;
}

export interface AddressProjection {
  id: string;
  customerId: string;
  hubId: string | null;
  isServiceable: boolean;
  lat: number | null;
  lng: number | null;
  isDeleted: boolean;
}

export async function upsertHub(tx: Transaction, hub: HubProjection, sourceAt: string): Promise<void> {
  await tx.query(
    `INSERT INTO hubs (id, name, timezone, is_active, bbox, source_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, timezone = EXCLUDED.timezone,
       is_active = EXCLUDED.is_active, bbox = EXCLUDED.bbox, source_at = EXCLUDED.source_at
     WHERE hubs.source_at <= EXCLUDED.source_at`,
    [hub.id, hub.name, hub.timezone, hub.isActive, hub.bbox, sourceAt],
  );
}

export async function upsertPartner(
  tx: Transaction,
  partner: PartnerProjection,
  sourceAt: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO partners (id, hub_id, skills, status, name, source_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET hub_id = EXCLUDED.hub_id, skills = EXCLUDED.skills, status = EXCLUDED.status,
       name = EXCLUDED.name, source_at = EXCLUDED.source_at
     WHERE partners.source_at <= EXCLUDED.source_at`,
    [partner.id, partner.hubId, partner.skills, partner.status, partner.name, sourceAt],
  );
}

export async function upsertService(
  tx: Transaction,
  service: ServiceProjection,
  sourceAt: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO services (id, name, skill, included_minutes, base_price_paise, grace_minutes, extra_block_minutes,
       extra_block_price_paise, tax_rate_basis_points, is_active, source_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, skill = EXCLUDED.skill,
       included_minutes = EXCLUDED.included_minutes, base_price_paise = EXCLUDED.base_price_paise,
       grace_minutes = EXCLUDED.grace_minutes, extra_block_minutes = EXCLUDED.extra_block_minutes,
       extra_block_price_paise = EXCLUDED.extra_block_price_paise,
       tax_rate_basis_points = EXCLUDED.tax_rate_basis_points, is_active = EXCLUDED.is_active,
       source_at = EXCLUDED.source_at
     WHERE services.source_at <= EXCLUDED.source_at`,
    [
      service.id,
      service.name,
      service.skill,
      service.includedMinutes,
      service.basePricePaise,
      service.graceMinutes,
      service.extraBlockMinutes,
      service.extraBlockPricePaise,
      service.taxRateBasisPoints,
      service.isActive,
      sourceAt,
    ],
  );
}

export async function upsertAddress(
  tx: Transaction,
  address: AddressProjection,
  sourceAt: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO addresses (id, customer_id, hub_id, is_serviceable, lat, lng, is_deleted, source_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, hub_id = EXCLUDED.hub_id,
       is_serviceable = EXCLUDED.is_serviceable, lat = COALESCE(EXCLUDED.lat, addresses.lat),
       lng = COALESCE(EXCLUDED.lng, addresses.lng), is_deleted = EXCLUDED.is_deleted, source_at = EXCLUDED.source_at
     WHERE addresses.source_at <= EXCLUDED.source_at`,
    [
      address.id,
      address.customerId,
      address.hubId,
      address.isServiceable,
      address.lat,
      address.lng,
      address.isDeleted,
      sourceAt,
    ],
  );
}

export async function upsertCustomer(
  tx: Transaction,
  customer: { id: string; phone: string | null },
  sourceAt: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO customers (id, phone, source_at) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET phone = EXCLUDED.phone, source_at = EXCLUDED.source_at
     WHERE customers.source_at <= EXCLUDED.source_at`,
    [customer.id, customer.phone, sourceAt],
  );
}

export async function getHub(sql: Sql, id: string): Promise<HubProjection | null> {
  const { rows } = await sql.query<{
    id: string;
    name: string;
    timezone: string;
    is_active: boolean;
    bbox: number[] | null;
  }>('SELECT id, name, timezone, is_active, bbox FROM hubs WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    isActive: row.is_active,
    bbox: row.bbox ? (row.bbox as unknown as BBox) : null,
  };
}

export async function getPartner(sql: Sql, id: string): Promise<PartnerProjection | null> {
  const { rows } = await sql.query<{
    id: string;
    hub_id: string | null;
    skills: string[];
    status: string;
    name: string | null;
  }>('SELECT id, hub_id, skills, status, name FROM partners WHERE id = $1', [id]);
  const row = rows[0];
  return row
    ? { id: row.id, hubId: row.hub_id, skills: row.skills, status: row.status, name: row.name }
    : null;
}

export async function getService(sql: Sql, id: string): Promise<ServiceProjection | null> {
  const { rows } = await sql.query<{
    id: string;
    name: string;
    skill: string;
    included_minutes: number;
    base_price_paise: number;
    grace_minutes: number;
    extra_block_minutes: number;
    extra_block_price_paise: number;
    tax_rate_basis_points: number;
    is_active: boolean;
  }>('SELECT * FROM services WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    skill: row.skill,
    includedMinutes: row.included_minutes,
    basePricePaise: row.base_price_paise,
    graceMinutes: row.grace_minutes,
    extraBlockMinutes: row.extra_block_minutes,
    extraBlockPricePaise: row.extra_block_price_paise,
    taxRateBasisPoints: row.tax_rate_basis_points,
    isActive: row.is_active,
  };
}

export async function getAddress(sql: Sql, id: string): Promise<AddressProjection | null> {
  const { rows } = await sql.query<{
    id: string;
    customer_id: string;
    hub_id: string | null;
    is_serviceable: boolean;
    lat: number | null;
    lng: number | null;
    is_deleted: boolean;
  }>('SELECT * FROM addresses WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    customerId: row.customer_id,
    hubId: row.hub_id,
    isServiceable: row.is_serviceable,
    lat: row.lat,
    lng: row.lng,
    isDeleted: row.is_deleted,
  };
}

/** Approved partners of a hub who may do the service: the only ones booking promises. */
export async function listEligiblePartnerIds(sql: Sql, hubId: string, serviceId: string): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `SELECT id FROM partners WHERE hub_id = $1 AND status = 'approved' AND $2 = ANY (skills) ORDER BY id`,
    [hubId, serviceId],
  );
  return rows.map((row) => row.id);
}

/** The address moved to another hub (or out of every hub) because a hub changed; a deleted one stays deleted. */
export async function resolveAddress(
  tx: Transaction,
  address: { id: string; customerId: string; hubId: string | null; isServiceable: boolean },
  sourceAt: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO addresses (id, customer_id, hub_id, is_serviceable, source_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET hub_id = EXCLUDED.hub_id, is_serviceable = EXCLUDED.is_serviceable,
       source_at = EXCLUDED.source_at
     WHERE addresses.source_at <= EXCLUDED.source_at`,
    [address.id, address.customerId, address.hubId, address.isServiceable, sourceAt],
  );
}

export async function deleteAddress(
  tx: Transaction,
  id: string,
  customerId: string,
  sourceAt: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO addresses (id, customer_id, is_serviceable, is_deleted, source_at) VALUES ($1, $2, false, true, $3)
     ON CONFLICT (id) DO UPDATE SET is_deleted = true, source_at = GREATEST(addresses.source_at, EXCLUDED.source_at)`,
    [id, customerId, sourceAt],
  );
}

/** A customer's phone, also onto their bookings placed before booking heard of it (admin search by phone). */
export async function registerCustomer(
  tx: Transaction,
  customer: { id: string; phone: string },
  sourceAt: string,
): Promise<void> {
  await upsertCustomer(tx, customer, sourceAt);
  await tx.query(
    'UPDATE bookings SET customer_phone = $2 WHERE customer_id = $1 AND customer_phone IS NULL',
    [customer.id, customer.phone],
  );
}

export async function getCustomerPhone(sql: Sql, customerId: string): Promise<string | null> {
  const { rows } = await sql.query<{ phone: string | null }>('SELECT phone FROM customers WHERE id = $1', [
    customerId,
  ]);
  return rows[0]?.phone ?? null;
}
