import { type Database, newId, type Sql, type Transaction } from '@zefy/platform';
import type { LedgerFigures, LedgerLine } from './ledger.ts';

/** Appends each journal (its lines) with its own id; the unique index refuses a fact posted twice. */
export async function postJournals(
  tx: Transaction,
  journals: readonly (readonly LedgerLine[])[],
  refs: { paymentId: string; holdId: string; at: Date },
): Promise<void> {
  for (const lines of journals) {
    const journalId = newId();
    await tx.query(
      `INSERT INTO ledger_entries (journal_id, kind, account, amount_paise, payment_id, refund_id, hold_id, created_at)
       SELECT $1, line->>'kind', line->>'account', (line->>'amountPaise')::bigint, $2, (line->>'refundId')::uuid, $3, $4
       FROM jsonb_array_elements($5::jsonb) AS line`,
      [journalId, refs.paymentId, refs.holdId, refs.at, JSON.stringify(lines)],
    );
  }
}

export interface LedgerLineRow {
  journal_id: string;
  kind: string;
  account: string;
  amount_paise: number;
  refund_id: string | null;
  created_at: Date;
}

export async function ledgerLinesOfPayment(sql: Sql, paymentId: string): Promise<LedgerLineRow[]> {
  const { rows } = await sql.query<LedgerLineRow>(
    `SELECT journal_id, kind, account, amount_paise, refund_id, created_at FROM ledger_entries
     WHERE payment_id = $1 ORDER BY id`,
    [paymentId],
  );
  return rows;
}

/** Everything assessLedger needs, read in one repeatable-read snapshot so the figures agree with each other. */
export const readLedgerFigures = (db: Database): Promise<LedgerFigures> =>
  db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return ledgerFigures(tx);
  });

async function ledgerFigures(sql: Sql): Promise<LedgerFigures> {
  const one = async <T>(text: string): Promise<T[]> => (await sql.query(text)).rows as T[];
  const [totals] = await one<{
    captured: number;
    refunded: number;
    razorpay: number;
    holds: number;
    refunds: number;
  }>(
    `SELECT
       (SELECT COALESCE(sum(amount_paise), 0) FROM payments WHERE status = 'captured')::bigint AS captured,
       (SELECT COALESCE(sum(amount_paise), 0) FROM refunds WHERE status = 'processed')::bigint AS refunded,
       COALESCE(sum(amount_paise) FILTER (WHERE account = 'razorpay'), 0)::bigint AS razorpay,
       COALESCE(sum(amount_paise) FILTER (WHERE account LIKE 'hold:%'), 0)::bigint AS holds,
       COALESCE(sum(amount_paise) FILTER (WHERE account LIKE 'refund:%'), 0)::bigint AS refunds
     FROM ledger_entries`,
  );
  const unbalanced = await one<{ journal_id: string; total: number }>(
    `SELECT journal_id, sum(amount_paise)::bigint AS total FROM ledger_entries
     GROUP BY journal_id HAVING sum(amount_paise) <> 0`,
  );
  const captures = await one<{ id: string; expected: number; posted: number }>(
    `SELECT p.id, CASE WHEN p.status = 'captured' THEN p.amount_paise ELSE 0 END AS expected,
            COALESCE(sum(l.amount_paise), 0)::bigint AS posted
     FROM payments p
     LEFT JOIN ledger_entries l ON l.payment_id = p.id AND l.kind = 'capture' AND l.account = 'razorpay'
     GROUP BY p.id
     HAVING COALESCE(sum(l.amount_paise), 0) <> CASE WHEN p.status = 'captured' THEN p.amount_paise ELSE 0 END`,
  );
  // a refund's own account holds -amount while pending and 0 otherwise; only a processed one paid money out
  const refunds = await one<{ id: string; status: string; balance: number; paid_out: number }>(
    `WITH per_refund AS (
       SELECT r.id, r.status, r.amount_paise AS amount, count(l.id) AS lines,
              COALESCE(sum(l.amount_paise) FILTER (WHERE l.account = 'refund:' || r.id), 0)::bigint AS balance,
              COALESCE(sum(-l.amount_paise) FILTER (WHERE l.kind = 'refund_processed' AND l.account = 'razorpay'), 0)::bigint AS paid_out
       FROM refunds r LEFT JOIN ledger_entries l ON l.refund_id = r.id
       GROUP BY r.id
     )
     SELECT id, status, balance, paid_out FROM per_refund WHERE NOT (
       (status = 'requested' AND lines = 0)
       OR (status = 'pending' AND balance = -amount AND paid_out = 0)
       OR (status = 'processed' AND balance = 0 AND paid_out = amount)
       OR (status = 'failed' AND balance = 0 AND paid_out = 0))`,
  );
  const overdrawn = await one<{ account: string; balance: number }>(
    `SELECT account, sum(amount_paise)::bigint AS balance FROM ledger_entries
     WHERE account LIKE 'hold:%' GROUP BY account HAVING sum(amount_paise) > 0`,
  );
  return {
    capturedPaise: totals?.captured ?? 0,
    refundedPaise: totals?.refunded ?? 0,
    accountBalances: {
      razorpay: totals?.razorpay ?? 0,
      holds: totals?.holds ?? 0,
      refunds: totals?.refunds ?? 0,
    },
    unbalancedJournals: unbalanced.map((row) => ({ journalId: row.journal_id, sumPaise: row.total })),
    captureMismatches: captures.map((row) => ({
      paymentId: row.id,
      expectedPaise: row.expected,
      postedPaise: row.posted,
    })),
    refundMismatches: refunds.map((row) => ({
      refundId: row.id,
      status: row.status,
      detail: `refund account balance ${row.balance} paise, ${row.paid_out} paise paid out`,
    })),
    overdrawnHolds: overdrawn.map((row) => ({ account: row.account, balancePaise: row.balance })),
  };
}
