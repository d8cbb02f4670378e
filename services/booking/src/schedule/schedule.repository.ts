import type { PartnerScheduleInput, WeeklyPattern } from '@zefy/contracts';
import type { Sql, Transaction } from '@zefy/platform';

export interface StoredSchedule extends PartnerScheduleInput {
  partnerId: string;
  updatedAt: string;
}

interface ScheduleRow {
  partner_id: string;
  weekly: WeeklyPattern;
  days_off: string[];
  updated_at: Date;
}

const toSchedule = (row: ScheduleRow): StoredSchedule => ({
  partnerId: row.partner_id,
  weekly: row.weekly,
  daysOff: row.days_off,
  updatedAt: row.updated_at.toISOString(),
});

// dates come back as text so no timezone shifts a day off into the previous day
const columns = `partner_id, weekly, days_off::text[] AS days_off, updated_at`;

export async function getSchedule(sql: Sql, partnerId: string): Promise<StoredSchedule | null> {
  const { rows } = await sql.query<ScheduleRow>(
    `SELECT ${columns} FROM partner_schedules WHERE partner_id = $1`,
    [partnerId],
  );
  return rows[0] ? toSchedule(rows[0]) : null;
}

export async function listSchedules(sql: Sql, partnerIds: readonly string[]): Promise<StoredSchedule[]> {
  if (partnerIds.length === 0) return [];
  const { rows } = await sql.query<ScheduleRow>(
    `SELECT ${columns} FROM partner_schedules WHERE partner_id = ANY ($1::text[])`,
    [partnerIds],
  );
  return rows.map(toSchedule);
}

export async function saveSchedule(
  sql: Sql,
  partnerId: string,
  schedule: PartnerScheduleInput,
  at: Date,
): Promise<StoredSchedule> {
  const { rows } = await sql.query<ScheduleRow>(
    `INSERT INTO partner_schedules (partner_id, weekly, days_off, updated_at) VALUES ($1, $2, $3::date[], $4)
     ON CONFLICT (partner_id) DO UPDATE SET weekly = EXCLUDED.weekly, days_off = EXCLUDED.days_off,
       updated_at = EXCLUDED.updated_at
     RETURNING ${columns}`,
    [partnerId, JSON.stringify(schedule.weekly), schedule.daysOff, at],
  );
  return toSchedule(rows[0] as ScheduleRow);
}

/** A partner's schedule unless they have one already (a seed never overwrites what a partner set). */
export async function insertScheduleUnlessSet(
  tx: Transaction,
  partnerId: string,
  schedule: PartnerScheduleInput,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO partner_schedules (partner_id, weekly, days_off, updated_at) VALUES ($1, $2, $3::date[], $4)
     ON CONFLICT (partner_id) DO NOTHING`,
    [partnerId, JSON.stringify(schedule.weekly), schedule.daysOff, at],
  );
}

/** Marks a seed data set applied; false when it already was (the same name is applied once per database). */
export async function claimSeed(tx: Transaction, name: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    'INSERT INTO seed_markers (name) VALUES ($1) ON CONFLICT (name) DO NOTHING',
    [name],
  );
  return rowCount === 1;
}
