import type { Transaction } from '@zefy/platform';

/**
 * Claims a Razorpay event id inside the transaction that applies the event: a concurrent duplicate waits
 * for this one to commit and then finds the row, so an event takes effect once however often it comes.
 */
export async function claimWebhookEvent(
  tx: Transaction,
  input: { eventId: string; event: string; at: Date },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO webhook_events (event_id, event, outcome, received_at) VALUES ($1, $2, 'processing', $3)
     ON CONFLICT (event_id) DO NOTHING`,
    [input.eventId, input.event, input.at],
  );
  return rowCount === 1;
}

export async function settleWebhookEvent(tx: Transaction, eventId: string, outcome: string): Promise<void> {
  await tx.query('UPDATE webhook_events SET outcome = $2 WHERE event_id = $1', [eventId, outcome]);
}
