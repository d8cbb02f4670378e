import type { RazorpayPayment, RazorpayRefund, RazorpayWebhookEvent } from '@zefy/razorpay';
import { describe, expect, it } from 'vitest';
import { refundSnapshotOf, webhookFacts } from './razorpay.ts';

const payment: RazorpayPayment = {
  id: 'pay_A',
  entity: 'payment',
  amount: 49_900,
  currency: 'INR',
  status: 'captured',
  order_id: 'order_A',
  invoice_id: null,
  international: false,
  method: 'upi',
  amount_refunded: 0,
  refund_status: null,
  captured: true,
  description: null,
  card_id: null,
  bank: null,
  wallet: null,
  vpa: 'success@razorpay',
  email: null,
  contact: null,
  notes: [],
  fee: 998,
  tax: 180,
  error_code: null,
  error_description: null,
  error_source: null,
  error_step: null,
  error_reason: null,
  acquirer_data: {},
  created_at: 1_767_225_600,
};

const refund: RazorpayRefund = {
  id: 'rfnd_A',
  entity: 'refund',
  amount: 10_000,
  currency: 'INR',
  payment_id: 'pay_A',
  notes: { zefy_refund_id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
  receipt: null,
  acquirer_data: { arn: null },
  created_at: 1_767_225_600,
  batch_id: null,
  status: 'processed',
  speed_processed: 'normal',
  speed_requested: 'normal',
};

const event = (name: string, payload: RazorpayWebhookEvent['payload']): RazorpayWebhookEvent => ({
  entity: 'event',
  account_id: 'acc_A',
  event: name,
  contains: Object.keys(payload),
  payload,
  created_at: 1_767_225_600,
});

describe('webhookFacts', () => {
  it('reads a payment event into a snapshot', () => {
    expect(webhookFacts(event('payment.captured', { payment: { entity: payment } }))).toEqual({
      kind: 'payment',
      payment: {
        razorpayPaymentId: 'pay_A',
        razorpayOrderId: 'order_A',
        amountPaise: 49_900,
        currency: 'INR',
        status: 'captured',
        method: 'upi',
        error: null,
      },
    });
  });

  it('carries the order of order.paid, to check it against ours too', () => {
    const order = {
      id: 'order_A',
      entity: 'order' as const,
      amount: 49_900,
      amount_paid: 49_900,
      amount_due: 0,
      currency: 'INR',
      receipt: 'r',
      offer_id: null,
      status: 'paid' as const,
      attempts: 1,
      notes: [],
      created_at: 1,
    };
    const facts = webhookFacts(
      event('order.paid', { payment: { entity: payment }, order: { entity: order } }),
    );
    expect(facts).toMatchObject({
      kind: 'payment',
      order: { id: 'order_A', amountPaise: 49_900, currency: 'INR' },
    });
  });

  it('reads a refund with our refund id from its notes, whichever form notes take', () => {
    expect(
      webhookFacts(event('refund.processed', { refund: { entity: refund }, payment: { entity: payment } })),
    ).toMatchObject({
      kind: 'refund',
      refund: {
        razorpayRefundId: 'rfnd_A',
        refundId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
        status: 'processed',
      },
    });
    expect(refundSnapshotOf({ ...refund, notes: [] }).refundId).toBeNull();
    expect(refundSnapshotOf({ ...refund, notes: { zefy_refund_id: 'not-a-uuid' } }).refundId).toBeNull();
  });

  it('acknowledges events it does not use, and ones missing their entities', () => {
    expect(webhookFacts(event('payment.dispute.created', { payment: { entity: payment } })).kind).toBe(
      'ignored',
    );
    expect(webhookFacts(event('order.paid', { payment: { entity: payment } })).kind).toBe('ignored');
    expect(webhookFacts(event('refund.processed', { refund: { entity: refund } })).kind).toBe('ignored');
  });
});
