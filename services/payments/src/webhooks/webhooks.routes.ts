import { paymentRoutes } from '@zefy/contracts';
import { AppError, implementRoute, type Transaction, useRawJsonBody } from '@zefy/platform';
import { isWebhookSignatureValid, RazorpayWebhookEvent } from '@zefy/razorpay';
import type { FastifyInstance } from 'fastify';
import Value from 'typebox/value';
import { type PaymentsDeps, systemActor } from '../dependencies.ts';
import { recordPayment, recordRefund } from '../payment/payment.commands.ts';
import { type WebhookFacts, webhookFacts } from '../razorpay/razorpay.ts';
import { claimWebhookEvent, settleWebhookEvent } from './webhooks.repository.ts';

type Outcome = 'processed' | 'ignored' | 'flagged';

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

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
 * Razorpay's webhook endpoint. The signature is checked over the raw bytes before anything is parsed into
 * effect; the event id is claimed in the transaction of its effect; only local database work happens
 * here, so the 2xx comes well within Razorpay's 5 s. A failure answers 5xx and Razorpay retries.
 */
export function registerWebhookRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  const secrets = deps.settings.razorpay.webhookSecrets;
  void app.register(async (scope) => {
    useRawJsonBody(scope);
    implementRoute(scope, deps.db, paymentRoutes.razorpayWebhook, async ({ request }) => {
      const signature = header(request.headers['x-razorpay-signature']);
      const eventId = header(request.headers['x-razorpay-event-id']);
      if (!request.rawBody || !signature || !isWebhookSignatureValid(request.rawBody, signature, secrets)) {
        request.log.warn(
          { eventId, hasSignature: signature !== undefined, ip: request.ip },
          'razorpay webhook rejected: X-Razorpay-Signature does not match the body',
        );
        throw new AppError('PAYMENTS.SIGNATURE_INVALID', 'X-Razorpay-Signature does not match the body');
      }
      if (!eventId) throw new AppError('REQUEST.VALIDATION_FAILED', 'x-razorpay-event-id header is missing');
      const body = request.body;
      const at = deps.clock.now();
      const isReadable = Value.Check(RazorpayWebhookEvent, body);
      if (!isReadable)
        request.log.error(
          { eventId, problem: [...Value.Errors(RazorpayWebhookEvent, body)][0]?.instancePath },
          'signed razorpay webhook we cannot read; acknowledged and ignored',
        );
      const facts: WebhookFacts = isReadable ? webhookFacts(body) : { kind: 'ignored', reason: 'unreadable' };
      const event = isReadable ? body.event : 'unreadable';
      const status = await deps.db.transaction(async (tx) => {
        if (!(await claimWebhookEvent(tx, { eventId, event, at }))) return 'duplicate' as const;
        const outcome = await apply(deps, tx, facts, at);
        await settleWebhookEvent(tx, eventId, outcome);
        return outcome;
      });
      return { status };
    });
  });
}
