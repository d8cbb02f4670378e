import { assertNever, type Sql, type Transaction } from '@zefy/platform';
import type { PayableEvent, PayableKind, PayableState } from './payables.ts';

interface PayableRow {
  id: string;
  kind: PayableKind;
  booking_id: string;
  customer_id: string;
  hub_id: string;
  amount_paise: number | null;
  expires_at: Date | null;
  state: 'open' | 'closed';
  closed_by: string | null;
}

function toPayable(row: PayableRow): PayableState {
  const ids = {
    id: row.id,
    kind: row.kind,
    bookingId: row.booking_id,
    customerId: row.customer_id,
    hubId: row.hub_id,
  };
  const terms =
    row.amount_paise !== null && row.expires_at !== null
      ? { amountPaise: row.amount_paise, expiresAt: row.expires_at }
      : null;
  // the table's checks give an open payable its terms; one without would take no order
  if (row.state === 'open' && terms) return { status: 'open', ids, terms };
  return { status: 'closed', ids, terms, closedBy: row.closed_by ?? 'closed' };
}

export async function findPayable(sql: Sql, id: string): Promise<PayableState> {
  const { rows } = await sql.query<PayableRow>('SELECT * FROM payables WHERE id = $1', [id]);
  return rows[0] ? toPayable(rows[0]) : { status: 'unknown' };
}

/** The customer's own payable; `unknown` also when it is someone else's. */
export async function findPayableOf(sql: Sql, id: string, customerId: string): Promise<PayableState> {
  const { rows } = await sql.query<PayableRow>('SELECT * FROM payables WHERE id = $1 AND customer_id = $2', [
    id,
    customerId,
  ]);
  return rows[0] ? toPayable(rows[0]) : { status: 'unknown' };
}

/**
 * Stores booking's facts as upserts that give the same row in any order, so deliveries racing each other
 * need no lock: terms fill in a payable closed before they came, and a closed payable stays closed.
 */
export async function savePayableEvents(
  tx: Transaction,
  events: readonly PayableEvent[],
  at: Date,
): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'PayableRecorded': {
        const { ids, terms } = event;
        await tx.query(
          `INSERT INTO payables (id, kind, booking_id, customer_id, hub_id, amount_paise, currency, expires_at, state, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'INR', $7, 'open', $8)
           ON CONFLICT (id) DO UPDATE SET amount_paise = EXCLUDED.amount_paise, currency = EXCLUDED.currency,
             expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at`,
          [
            ids.id,
            ids.kind,
            ids.bookingId,
            ids.customerId,
            ids.hubId,
            terms.amountPaise,
            terms.expiresAt,
            at,
          ],
        );
        break;
      }
      case 'PayableClosed': {
        const { ids } = event;
        await tx.query(
          `INSERT INTO payables (id, kind, booking_id, customer_id, hub_id, state, closed_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'closed', $6, $7)
           ON CONFLICT (id) DO UPDATE SET state = 'closed', closed_by = EXCLUDED.closed_by, updated_at = EXCLUDED.updated_at`,
          [ids.id, ids.kind, ids.bookingId, ids.customerId, ids.hubId, event.closedBy, at],
        );
        break;
      }
      case 'OrderOpened':
        break;
      default:
        assertNever(event);
    }
  }
}
