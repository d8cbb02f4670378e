import { Type } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
/** At least `minimum` paise, and no more than the HTTP contracts' `Paise` allows. */
const Amount = (minimum: number, description?: string) =>
  Type.Integer({ minimum, maximum: 100_000_000_00, ...(description ? { description } : {}) });

/** Which path saw the payment captured first; the others find it done and publish nothing. */
export const VerificationSource = Type.Union(
  [Type.Literal('checkout'), Type.Literal('webhook'), Type.Literal('reconciliation')],
  { description: 'checkout callback, Razorpay webhook, or the reconciliation job' },
);

/** Names one payment in every id space a consumer might hold. */
const PaymentRef = {
  paymentId: Type.String({ format: 'uuid', description: "the payments service's id of the payment" }),
  razorpayPaymentId: Type.String({ description: 'pay_…' }),
  orderId: Type.String({ format: 'uuid', description: "the payments service's order id" }),
  razorpayOrderId: Type.String({ description: 'order_…' }),
  holdId: Type.String({
    format: 'uuid',
    description: "the booking service's hold (booking) the order pays for",
  }),
  customerId: Type.String(),
};

/**
 * Money events of the payments service, each published once per fact through its outbox. Amounts are
 * integer paise. Consumers must still dedupe on the envelope id (delivery is at least once).
 */
export const paymentsEvents = {
  /** A Razorpay order exists for the hold; the customer can open checkout. */
  'payment.order_created': {
    version: 1,
    data: Type.Object({
      orderId: Uuid,
      razorpayOrderId: Type.String(),
      holdId: Uuid,
      customerId: Type.String(),
      amountPaise: Amount(100),
      currency: Type.Literal('INR'),
    }),
  },
  /**
   * The money is taken: exactly one per payment, whichever of checkout callback, webhook or reconciliation
   * saw it first. The amount and order were checked against the order; the consumer (booking) must still
   * check them against the hold (price, customer, expiry) and publish `booking.payment_rejected` if the
   * payment cannot pay for it, which refunds it.
   */
  'payment.captured': {
    version: 1,
    data: Type.Object({
      ...PaymentRef,
      amountPaise: Amount(1),
      currency: Type.Literal('INR'),
      method: Type.Union([Type.String(), Type.Null()]),
      verifiedBy: VerificationSource,
      capturedAt: Type.String({ format: 'date-time' }),
    }),
  },
  /** One payment attempt failed; the order stays open and the customer may pay again until the hold expires. */
  'payment.failed': {
    version: 1,
    data: Type.Object({
      ...PaymentRef,
      amountPaise: Amount(1),
      errorCode: Type.Union([Type.String(), Type.Null()]),
      errorReason: Type.Union([Type.String(), Type.Null()]),
      errorDescription: Type.Union([Type.String(), Type.Null()]),
      failedAt: Type.String({ format: 'date-time' }),
    }),
  },
  /** A refund reached the customer (Razorpay processed it). */
  'payment.refunded': {
    version: 1,
    data: Type.Object({
      ...PaymentRef,
      refundId: Uuid,
      razorpayRefundId: Type.String(),
      amountPaise: Amount(1, 'this refund'),
      refundedPaise: Amount(1, 'all refunds of the payment processed so far'),
      capturedPaise: Amount(1),
      isFullyRefunded: Type.Boolean(),
      reason: Type.String(),
      processedAt: Type.String({ format: 'date-time' }),
    }),
  },
  /** Razorpay refused or failed a refund; the money is still held for the hold, and ops must act. */
  'payment.refund_failed': {
    version: 1,
    data: Type.Object({
      ...PaymentRef,
      refundId: Uuid,
      amountPaise: Amount(1),
      reason: Type.String(),
      failure: Type.String(),
      failedAt: Type.String({ format: 'date-time' }),
    }),
  },
} as const;
