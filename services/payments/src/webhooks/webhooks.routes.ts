import { paymentRoutes } from '@zefy/contracts';
import { AppError, implementRoute, useRawJsonBody } from '@zefy/platform';
import { isWebhookSignatureValid, RazorpayWebhookEvent } from '@zefy/razorpay';
import type { FastifyInstance } from 'fastify';
import Value from 'typebox/value';
import type { PaymentsDeps } from '../deps.ts';
import { webhookFacts } from '../razorpay/razorpay.ts';
import { receiveWebhook } from './webhooks.commands.ts';

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/**
 * Razorpay's webhook endpoint. The signature is checked over the raw bytes before anything is parsed into
 * effect; a failure answers 5xx and Razorpay retries.
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
      if (!Value.Check(RazorpayWebhookEvent, body)) {
        request.log.error(
          { eventId, problem: [...Value.Errors(RazorpayWebhookEvent, body)][0]?.instancePath },
          'signed razorpay webhook we cannot read; acknowledged and ignored',
        );
        const facts = { kind: 'ignored' as const, reason: 'unreadable' };
        return { status: await receiveWebhook(deps, { eventId, event: 'unreadable', facts }) };
      }
      const facts = webhookFacts(body);
      return { status: await receiveWebhook(deps, { eventId, event: body.event, facts }) };
    });
  });
}
