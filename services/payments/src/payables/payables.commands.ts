import { decideOrThrow, type Transaction } from '@zefy/platform';
import { type PaymentsDeps, systemActor } from '../deps.ts';
import { findPayable, savePayableEvents } from './payables.repository.ts';
import { type PayableCommand, payableDecider } from './payables.ts';

/**
 * Records one of booking's facts about a payable, in the consumer's transaction. No lock: booking's facts
 * do not depend on what is known, and they are stored so that any order of arrival gives the same row.
 */
export async function recordBookingFact(
  deps: PaymentsDeps,
  tx: Transaction,
  command: Extract<PayableCommand, { type: 'RecordPayable' | 'ClosePayable' }>,
): Promise<void> {
  const now = deps.clock.now();
  const { events } = decideOrThrow(payableDecider, command, await findPayable(tx, command.ids.id), {
    actor: systemActor,
    now,
  });
  await savePayableEvents(tx, events, now);
}
