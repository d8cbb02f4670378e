import type { Sql } from '@zefy/platform';

/**
 * Job leases: one holder of a job at a time across instances, each step one short statement on the
 * database's clock, so no connection is held while a job runs and nobody ever waits for one.
 */

/** Takes the job's lease for `ttlSeconds` if nobody holds it (or the holder's lapsed); true when taken. */
export async function acquireLease(
  sql: Sql,
  job: string,
  holder: string,
  ttlSeconds: number,
): Promise<boolean> {
  const { rowCount } = await sql.query(
    `INSERT INTO job_leases (job, holder, acquired_at, expires_at)
     VALUES ($1, $2, now(), now() + make_interval(secs => $3))
     ON CONFLICT (job) DO UPDATE SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at,
       expires_at = EXCLUDED.expires_at
     WHERE job_leases.expires_at <= now()`,
    [job, holder, ttlSeconds],
  );
  return rowCount === 1;
}

/** Extends the holder's lease; false when it lapsed and someone else took the job meanwhile. */
export async function renewLease(
  sql: Sql,
  job: string,
  holder: string,
  ttlSeconds: number,
): Promise<boolean> {
  const { rowCount } = await sql.query(
    'UPDATE job_leases SET expires_at = now() + make_interval(secs => $3) WHERE job = $1 AND holder = $2',
    [job, holder, ttlSeconds],
  );
  return rowCount === 1;
}

export async function releaseLease(sql: Sql, job: string, holder: string): Promise<void> {
  await sql.query('DELETE FROM job_leases WHERE job = $1 AND holder = $2', [job, holder]);
}
