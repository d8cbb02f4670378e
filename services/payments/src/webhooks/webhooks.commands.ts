import type { Transaction } from '@zefy/platform';
import { type PaymentsDeps, systemActor } from '../deps.ts';
import { recordPayment, recordRefund } from '../payment/payment.commands.ts';
import type { WebhookFacts } from '../razorpay/razorpay.ts';
import { claimWebhookEvent, settleWebhookEvent } from './webhooks.repository.ts';

type Outcome = 'processed' | 'ignored' | 'flagged';

async function apply(deps: PaymentsDeps, tx: Transaction, facts: WebhookFacts, at: Date): Promise<Outcome> {
  if (facts.kind === 'ignored') return 'ignored';
  const recorded = await recordPayment(tx, {
    snapshot: facts.payment,
    ...(facts.kind === 'payment' && facts.order ? { razorpayOrder: facts.order } : {}),
    source: 'webhook',
    at,
    actor: systemActor,
    logger: deps.logger,
  });
  if (recorded.kind === 'unknown_order') {
    deps.logger.warn(
      { razorpayOrderId: facts.payment.razorpayOrderId, razorpayPaymentId: facts.payment.razorpayPaymentId },
      'webhook about an order we did not create; ignored',
    );
    return 'ignored';
  }
  if (recorded.kind === 'mismatch') return 'flagged';
  if (facts.kind === 'refund')
    await recordRefund(tx, {
      razorpayPaymentId: facts.payment.razorpayPaymentId,
      snapshot: facts.refund,
      at,
      actor: systemActor,
    });
  return 'processed';
}

/**
 * Applies a signed webhook once per Razorpay event id: the id is claimed in the transaction of its effect,
 * so a duplicate (even a concurrent one) finds it and changes nothing. Only local database work happens
 * here, so the 2xx comes well within Razorpay's 5 s.
 */
export function receiveWebhook(
  deps: PaymentsDeps,
  input: { eventId: string; event: string; facts: WebhookFacts },
): Promise<Outcome | 'duplicate'> {
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (!(await claimWebhookEvent(tx, { eventId: input.eventId, event: input.event, at })))
      return 'duplicate';
    const outcome = await apply(deps, tx, input.facts, at);
    await settleWebhookEvent(tx, input.eventId, outcome);
    return outcome;
  });
}
