import type { HubTaxIdentity } from '@zefy/contracts';
import type { Sql, Transaction } from '@zefy/platform';
import {
  financialYearOf,
  formatInvoiceNumber,
  invoiceSeriesCandidates,
  sacOf,
  spareInvoiceSeries,
} from '@zefy/rules';
import { findProjection, hubs, services } from '../projections/projections.repository.ts';

/** What an invoice is for: the job done, or the fee kept (tax included) when a paid booking was cancelled. */
export type Supply = { kind: 'service' } | { kind: 'cancellation_fee'; feePaise: number };

/** The booking's terms an invoice reads (named here, so that invoices/ need not import booking/). */
export interface InvoicedTerms {
  bookingId: string;
  hubId: string;
  serviceId: string;
  timeZone: string;
}

export interface Invoice {
  number: string;
  financialYear: string;
  issuer: HubTaxIdentity | null;
  sac: string;
  issuedAt: string;
  supply: Supply;
}

/** The hub's series, or, taking `candidate` for it if no other hub has it, null when another hub has. */
async function takeSeries(tx: Transaction, hubId: string, candidate: string): Promise<string | null> {
  const { rows } = await tx.query<{ series: string }>(
    `WITH taken AS (
       INSERT INTO invoice_series (hub_id, series) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING series
     )
     SELECT series FROM taken UNION ALL SELECT series FROM invoice_series WHERE hub_id = $1`,
    [hubId, candidate],
  );
  return rows[0]?.series ?? null;
}

/** The hub's series, taken the first time it invoices: from its name if free, else the next spare one. */
async function seriesOf(tx: Transaction, hubId: string, hubName: string): Promise<string> {
  for (const candidate of invoiceSeriesCandidates(hubName)) {
    const series = await takeSeries(tx, hubId, candidate);
    if (series) return series;
  }
  const { rows } = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM invoice_series WHERE series LIKE 'Z%'",
  );
  for (let n = rows[0]?.n ?? 0; ; n += 1) {
    const series = await takeSeries(tx, hubId, spareInvoiceSeries(n));
    if (series) return series;
  }
}

/**
 * Issues the booking's tax invoice as it completes (or is cancelled with a fee kept), in the transaction that
 * does it: the next serial of its hub's financial year (the counter row stays locked until commit, so numbers
 * are consecutive and a rollback leaves no gap), the hub's GST registration as it is now, and the service's
 * SAC (a cancellation fee is taxed as the service it cancels). Once per booking.
 */
export async function issueInvoice(
  tx: Transaction,
  terms: InvoicedTerms,
  supply: Supply,
  now: Date,
): Promise<void> {
  const hub = await findProjection(tx, hubs, terms.hubId);
  const service = await findProjection(tx, services, terms.serviceId);
  const financialYear = financialYearOf(now.getTime(), terms.timeZone);
  const series = await seriesOf(tx, terms.hubId, hub?.name ?? terms.hubId);
  const { rows } = await tx.query<{ last_serial: number }>(
    `INSERT INTO invoice_counters (hub_id, financial_year, last_serial) VALUES ($1, $2, 1)
     ON CONFLICT (hub_id, financial_year) DO UPDATE SET last_serial = invoice_counters.last_serial + 1
     RETURNING last_serial`,
    [terms.hubId, financialYear],
  );
  const serial = rows[0]?.last_serial as number;
  await tx.query(
    `INSERT INTO invoices (booking_id, hub_id, financial_year, serial, number, issuer, sac, issued_at, supply,
       fee_paise)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      terms.bookingId,
      terms.hubId,
      financialYear,
      serial,
      formatInvoiceNumber(series, financialYear, serial),
      hub?.taxIdentity ? JSON.stringify(hub.taxIdentity) : null,
      sacOf(service?.skill),
      now,
      supply.kind,
      supply.kind === 'cancellation_fee' ? supply.feePaise : null,
    ],
  );
}

export async function findInvoice(sql: Sql, bookingId: string): Promise<Invoice | null> {
  const { rows } = await sql.query<{
    number: string;
    financial_year: string;
    issuer: HubTaxIdentity | null;
    sac: string;
    issued_at: Date;
    fee_paise: string | null;
  }>('SELECT number, financial_year, issuer, sac, issued_at, fee_paise FROM invoices WHERE booking_id = $1', [
    bookingId,
  ]);
  const row = rows[0];
  return row
    ? {
        number: row.number,
        financialYear: row.financial_year,
        issuer: row.issuer,
        sac: row.sac,
        issuedAt: row.issued_at.toISOString(),
        supply:
          row.fee_paise === null
            ? { kind: 'service' }
            : { kind: 'cancellation_fee', feePaise: Number(row.fee_paise) },
      }
    : null;
}
