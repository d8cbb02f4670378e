import type { RazorpayRefund, RazorpayWebhookEventName } from '@zefy/razorpay';
import { invalidInput, SimError } from './errors.ts';
import { randomId } from './ids.ts';
import { isRecord, readAmount, readBody, readNotes, readReceipt, rejectUnknownFields } from './input.ts';
import {
  paymentEntity,
  paymentNamed,
  refundEntity,
  refundNamed,
  type SimContext,
  type StoredRefund,
} from './state.ts';
import type { NewWebhookEvent } from './webhooks.ts';

export type RefundSettlement = 'instant' | 'manual';

export interface Refunds {
  refund(
    paymentId: string,
    body: unknown,
    idempotencyKey: string | undefined,
    inFlightDelayMs?: number,
  ): Promise<RazorpayRefund>;
  fetchRefund(refundId: string): RazorpayRefund;
  paymentRefunds(paymentId: string): RazorpayRefund[];
  settleRefund(refundId: string, status: 'processed' | 'failed'): RazorpayRefund;
  setRefundSettlement(mode: RefundSettlement): void;
}

const refundFields = new Set(['amount', 'speed', 'notes', 'receipt']);
const refundKeyPattern = /^[A-Za-z0-9_-]{10,}$/;

/**
 * Refunds API with X-Refund-Idempotency: the same body under a key answers the same refund, another body is
 * refused, a request still in flight gets 409. Refunds are processed at once (`instant`) or stay pending
 * until settled through the control API (`manual`).
 */
export function createRefunds(sim: SimContext, settlement: RefundSettlement): Refunds {
  let refundSettlement = settlement;
  const refundsInFlight = new Set<string>();

  const refundEvent = (name: RazorpayWebhookEventName, refund: StoredRefund): NewWebhookEvent => {
    const payment = paymentNamed(sim.state, refund.entity.payment_id);
    return {
      name,
      contains: ['refund', 'payment'],
      payload: { refund: { entity: refundEntity(refund) }, payment: { entity: paymentEntity(payment) } },
      refs: { orderId: payment.entity.order_id, paymentId: payment.entity.id, refundId: refund.entity.id },
    };
  };

  function processRefund(
    refund: StoredRefund,
    status: 'processed' | 'failed',
    events: NewWebhookEvent[],
  ): void {
    refund.entity = {
      ...refund.entity,
      status,
      speed_processed: status === 'processed' ? 'normal' : null,
      acquirer_data: status === 'processed' ? { arn: `ARN${refund.entity.id.slice(5)}` } : {},
    };
    if (status === 'failed') {
      const payment = paymentNamed(sim.state, refund.entity.payment_id);
      const refunded = payment.entity.amount_refunded - refund.entity.amount;
      payment.entity = {
        ...payment.entity,
        amount_refunded: refunded,
        refund_status: refunded === 0 ? null : 'partial',
        status: 'captured',
      };
    }
    events.push(refundEvent(`refund.${status}`, refund));
  }

  function createRefund(
    paymentId: string,
    body: unknown,
  ): { refund: StoredRefund; events: NewWebhookEvent[] } {
    const payment = paymentNamed(sim.state, paymentId);
    const input = readBody(body ?? {});
    rejectUnknownFields(input, refundFields);
    if (payment.entity.status !== 'captured' && payment.entity.status !== 'refunded')
      throw invalidInput('Payment has not been captured yet, so it cannot be refunded');
    const remaining = payment.entity.amount - payment.entity.amount_refunded;
    if (remaining === 0) throw invalidInput('The payment has been fully refunded already');
    const amount = input.amount === undefined ? remaining : readAmount(input.amount);
    if (amount > remaining)
      throw invalidInput('The refund amount provided is greater than amount captured', 'amount');
    if (input.speed !== undefined && input.speed !== 'normal' && input.speed !== 'optimum')
      throw invalidInput('The speed must be normal or optimum.', 'speed');
    const refund: StoredRefund = {
      notes: readNotes(input.notes),
      entity: {
        id: randomId('rfnd_'),
        entity: 'refund',
        amount,
        currency: payment.entity.currency,
        payment_id: paymentId,
        notes: [],
        receipt: readReceipt(input.receipt),
        acquirer_data: {},
        created_at: sim.seconds(),
        batch_id: null,
        status: 'pending',
        speed_processed: null,
        speed_requested: typeof input.speed === 'string' ? input.speed : 'normal',
      },
    };
    const refunded = payment.entity.amount_refunded + amount;
    const isFull = refunded === payment.entity.amount;
    payment.entity = {
      ...payment.entity,
      amount_refunded: refunded,
      refund_status: isFull ? 'full' : 'partial',
      status: isFull ? 'refunded' : 'captured',
    };
    sim.state.refunds[refund.entity.id] = refund;
    const events = [refundEvent('refund.created', refund)];
    if (refundSettlement === 'instant') processRefund(refund, 'processed', events);
    return { refund, events };
  }

  return {
    async refund(paymentId, body, idempotencyKey, inFlightDelayMs = 0) {
      if (idempotencyKey !== undefined && !refundKeyPattern.test(idempotencyKey))
        throw invalidInput(
          'The X-Refund-Idempotency header must be at least 10 characters of letters, digits, - and _',
          'X-Refund-Idempotency',
        );
      const print = fingerprint({ paymentId, body: body ?? {} });
      if (idempotencyKey !== undefined) {
        if (refundsInFlight.has(idempotencyKey))
          throw new SimError(409, 'A request with the same idempotency key is being processed', {
            code: 'BAD_REQUEST_ERROR',
          });
        const known = sim.state.refundKeys[idempotencyKey];
        if (known) {
          if (known.fingerprint !== print)
            throw invalidInput('Different request with the same idempotency key has already been processed.');
          return refundEntity(sim.state.refunds[known.refundId] as StoredRefund);
        }
        refundsInFlight.add(idempotencyKey);
      }
      try {
        if (inFlightDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, inFlightDelayMs));
        const { refund, events } = createRefund(paymentId, body);
        if (idempotencyKey !== undefined)
          sim.state.refundKeys[idempotencyKey] = { fingerprint: print, refundId: refund.entity.id };
        sim.save();
        sim.webhooks.emit(events);
        return refundEntity(refund);
      } finally {
        if (idempotencyKey !== undefined) refundsInFlight.delete(idempotencyKey);
      }
    },

    fetchRefund: (refundId) => refundEntity(refundNamed(sim.state, refundId)),

    paymentRefunds(paymentId) {
      paymentNamed(sim.state, paymentId);
      return Object.values(sim.state.refunds)
        .filter((refund) => refund.entity.payment_id === paymentId)
        .map(refundEntity);
    },

    settleRefund(refundId, status) {
      const refund = refundNamed(sim.state, refundId);
      if (refund.entity.status !== 'pending')
        throw invalidInput(`The refund is already ${refund.entity.status}`);
      const events: NewWebhookEvent[] = [];
      processRefund(refund, status, events);
      sim.save();
      sim.webhooks.emit(events);
      return refundEntity(refund);
    },

    setRefundSettlement(mode) {
      refundSettlement = mode;
    },
  };
}

/** Canonical JSON of a request, so a retried refund is recognised whatever its key order. */
function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  if (isRecord(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${fingerprint(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
