import { type Static, Type } from 'typebox';
import { publicAccess, rolesAccess } from '../access.ts';
import { VerificationSource } from '../events/payments.ts';
import { Nullable, Paise, Timestamp, Uuid } from './common.ts';
import { defineRoute } from './route.ts';

/** A ledger movement or balance: debit positive, credit negative, within what Paise allows either way. */
const SignedPaise = (description: string) =>
  Type.Integer({ minimum: -100_000_000_00, maximum: 100_000_000_00, description });
/** How many things one reconciliation run touched (it works in batches of a few hundred). */
const RunCount = (description?: string) =>
  Type.Integer({ minimum: 0, maximum: 1_000_000, ...(description ? { description } : {}) });

export const PaymentOrderStatus = Type.Union(
  [
    Type.Literal('pending'),
    Type.Literal('created'),
    Type.Literal('attempted'),
    Type.Literal('paid'),
    Type.Literal('abandoned'),
  ],
  {
    description:
      'pending: Razorpay not reached yet; created/attempted/paid as Razorpay; abandoned: never paid, no longer polled',
  },
);
export const PaymentStatus = Type.Union([
  Type.Literal('authorized'),
  Type.Literal('captured'),
  Type.Literal('failed'),
]);
export const RefundStatus = Type.Union(
  [Type.Literal('requested'), Type.Literal('pending'), Type.Literal('processed'), Type.Literal('failed')],
  { description: 'requested: not yet accepted by Razorpay; pending: accepted; processed: money returned' },
);

export const PaymentSummary = Type.Object({
  id: Uuid,
  razorpayPaymentId: Type.String(),
  status: PaymentStatus,
  amountPaise: Paise,
  refundedPaise: Paise,
  method: Nullable(Type.String()),
  verifiedBy: Nullable(VerificationSource),
  capturedAt: Nullable(Timestamp),
});
export type PaymentSummary = Static<typeof PaymentSummary>;

export const PaymentOrder = Type.Object({
  id: Uuid,
  holdId: Uuid,
  customerId: Type.String(),
  amountPaise: Paise,
  currency: Type.Literal('INR'),
  status: PaymentOrderStatus,
  razorpayOrderId: Nullable(Type.String()),
  razorpayKeyId: Type.String({ description: 'the key_id Checkout is opened with' }),
  checkoutUrl: Nullable(
    Type.String({
      description:
        'the simulator checkout page for this order (append &callback_url=…); null with real Razorpay, where the app opens checkout.js',
    }),
  ),
  payments: Type.Array(PaymentSummary),
  createdAt: Timestamp,
});
export type PaymentOrder = Static<typeof PaymentOrder>;

/** Only the hold: its customer and its price come from the hold as booking published it, never from here. */
export const NewPaymentOrder = Type.Object({ holdId: Uuid }, { additionalProperties: false });
export type NewPaymentOrder = Static<typeof NewPaymentOrder>;

export const CheckoutCallback = Type.Object(
  {
    orderId: Uuid,
    razorpay_order_id: Type.String({ minLength: 1, maxLength: 64 }),
    razorpay_payment_id: Type.String({ minLength: 1, maxLength: 64 }),
    razorpay_signature: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type CheckoutCallback = Static<typeof CheckoutCallback>;

export const CheckoutVerification = Type.Object({
  orderId: Uuid,
  paymentId: Uuid,
  razorpayPaymentId: Type.String(),
  status: PaymentStatus,
  amountPaise: Paise,
  verifiedBy: Nullable(VerificationSource),
});

export const RazorpayWebhookAck = Type.Object({
  status: Type.Union([
    Type.Literal('processed'),
    Type.Literal('duplicate'),
    Type.Literal('ignored'),
    Type.Literal('flagged'),
  ]),
});

export const PaymentRefund = Type.Object({
  id: Uuid,
  paymentId: Uuid,
  razorpayRefundId: Nullable(Type.String()),
  amountPaise: Paise,
  status: RefundStatus,
  reason: Type.String(),
  requestedBy: Type.String(),
  createdAt: Timestamp,
  processedAt: Nullable(Timestamp),
});
export type PaymentRefund = Static<typeof PaymentRefund>;

export const NewPaymentRefund = Type.Object(
  {
    amountPaise: Type.Optional(
      Type.Integer({ minimum: 100, maximum: 100_000_000_00, description: 'omit to refund all that remains' }),
    ),
    reason: Type.String({ minLength: 3, maxLength: 200, pattern: '\\S' }),
  },
  { additionalProperties: false },
);

export const LedgerLine = Type.Object({
  journalId: Uuid,
  kind: Type.String(),
  account: Type.String({ description: 'razorpay | hold:<holdId> | refund:<refundId>' }),
  amountPaise: SignedPaise('debit positive, credit negative'),
  refundId: Nullable(Uuid),
  createdAt: Timestamp,
});

export const PaymentDetail = Type.Object({
  ...PaymentSummary.properties,
  orderId: Uuid,
  holdId: Uuid,
  customerId: Type.String(),
  razorpayOrderId: Type.String(),
  refunds: Type.Array(PaymentRefund),
  ledger: Type.Array(LedgerLine),
});
export type PaymentDetail = Static<typeof PaymentDetail>;

export const PaymentReview = Type.Object({
  id: Uuid,
  kind: Type.String({
    description: 'amount_mismatch | order_mismatch | currency_mismatch | unknown_order | refund_rejected',
  }),
  source: Type.String(),
  razorpayOrderId: Nullable(Type.String()),
  razorpayPaymentId: Nullable(Type.String()),
  detail: Type.String(),
  createdAt: Timestamp,
});

export const LedgerCheck = Type.Object({
  isBalanced: Type.Boolean(),
  capturedPaise: Paise,
  heldForBookingsPaise: SignedPaise('captured money attributed to holds/bookings'),
  refundsInFlightPaise: SignedPaise('accepted by Razorpay, not processed yet'),
  refundedPaise: SignedPaise('returned to customers'),
  razorpayBalancePaise: SignedPaise('what the Razorpay account holds for us'),
  problems: Type.Array(Type.String()),
});
export type LedgerCheck = Static<typeof LedgerCheck>;

export const ReconciliationReport = Type.Object({
  ordersChecked: RunCount(),
  paymentsSettled: RunCount('payments this run moved to captured or failed'),
  paymentsCaptured: RunCount('authorized payments this run captured'),
  ordersAbandoned: RunCount(),
  refundsSent: RunCount(),
  refundsSettled: RunCount(),
  errors: Type.Array(Type.String()),
});
export type ReconciliationReport = Static<typeof ReconciliationReport>;

const PaymentIdParams = Type.Object({ paymentId: Uuid });

export const paymentRoutes = {
  createOrder: defineRoute({
    service: 'payments',
    method: 'POST',
    url: '/api/v1/payments/orders',
    summary:
      "Create (or return) the Razorpay order paying for one of your holds, for the hold's price (404 for a hold that is not yours)",
    access: rolesAccess('customer'),
    idempotency: 'required',
    schema: { body: NewPaymentOrder, response: { 201: PaymentOrder } },
  }),
  getOrder: defineRoute({
    service: 'payments',
    method: 'GET',
    url: '/api/v1/payments/orders/:orderId',
    summary: 'A payment order and its payments (its customer, admin or ops)',
    access: rolesAccess('customer', 'admin', 'ops'),
    owner: { param: 'orderId', resource: 'payment-order', roles: ['customer'] },
    schema: { params: Type.Object({ orderId: Uuid }), response: { 200: PaymentOrder } },
  }),
  verifyCheckout: defineRoute({
    service: 'payments',
    method: 'POST',
    url: '/api/v1/payments/verify',
    summary: 'Verify a Checkout success callback (signature over our order id), and record the payment',
    access: rolesAccess('customer'),
    schema: { body: CheckoutCallback, response: { 200: CheckoutVerification } },
  }),
  razorpayWebhook: defineRoute({
    service: 'payments',
    method: 'POST',
    url: '/api/v1/payments/webhooks/razorpay',
    summary:
      'Razorpay webhooks, verified by X-Razorpay-Signature over the raw body, deduplicated by event id',
    access: publicAccess,
    schema: {
      body: Type.Record(Type.String(), Type.Unknown()),
      response: { 200: RazorpayWebhookAck },
    },
  }),
  getPayment: defineRoute({
    service: 'payments',
    method: 'GET',
    url: '/api/v1/admin/payments/:paymentId',
    summary: 'A payment with its refunds and ledger lines',
    access: rolesAccess('admin', 'ops'),
    schema: { params: PaymentIdParams, response: { 200: PaymentDetail } },
  }),
  refundPayment: defineRoute({
    service: 'payments',
    method: 'POST',
    url: '/api/v1/admin/payments/:paymentId/refunds',
    summary: 'Refund a captured payment in full or in part (202 when Razorpay is unreachable; retried)',
    access: rolesAccess('admin'),
    idempotency: 'required',
    schema: {
      params: PaymentIdParams,
      body: NewPaymentRefund,
      response: { 201: PaymentRefund, 202: PaymentRefund },
    },
  }),
  listReviews: defineRoute({
    service: 'payments',
    method: 'GET',
    url: '/api/v1/admin/payments/reviews',
    summary: 'Payments flagged for review: mismatched amounts or orders, refunds Razorpay refused',
    access: rolesAccess('admin', 'ops'),
    schema: { response: { 200: Type.Object({ items: Type.Array(PaymentReview) }) } },
  }),
  checkLedger: defineRoute({
    service: 'payments',
    method: 'GET',
    url: '/api/v1/admin/payments/ledger/check',
    summary: 'Check that every captured paisa is held for a booking or refunded, and every journal balances',
    access: rolesAccess('admin', 'ops'),
    schema: { response: { 200: LedgerCheck } },
  }),
  reconcile: defineRoute({
    service: 'payments',
    method: 'POST',
    url: '/api/v1/admin/payments/reconciliations',
    summary:
      'Run the reconciliation job now: settle orders, payments and refunds left between states (409 at once while a run is in progress)',
    access: rolesAccess('admin', 'ops'),
    idempotency: 'optional',
    schema: {
      body: Type.Object(
        {
          minAgeSeconds: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: 31_536_000,
              description:
                'check what is older than this, up to a year; default PAYMENTS_RECONCILE_AFTER_SECONDS',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      response: { 200: ReconciliationReport },
    },
  }),
};
