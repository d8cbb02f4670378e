import type { EventEnvelope } from '@zefy/contracts';
import {
  AppError,
  appendToOutbox,
  createEvent,
  handleOnce,
  type ServiceContext,
  type Subscription,
  type Transaction,
} from '@zefy/platform';
import { type Static, type TSchema, Type } from 'typebox';
import Value from 'typebox/value';
import { capturePaymentIn, systemActor, transition } from '../booking/booking.repository.ts';
import { markRefundFailed, recordPayment } from './payments.repository.ts';

export const paymentsGroup = 'booking.payments';

const Id = Type.String({ minLength: 1 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * What booking reads of the payments service's events (a tolerant reader: the rest is payments' business).
 * `holdId` is the booking's id: a hold is a booking in state held.
 */
const OrderCreated = Type.Object({ orderId: Id, holdId: Id, amountPaise: Type.Integer() });
const PaymentRef = { paymentId: Id, orderId: Id, holdId: Id, customerId: Id, razorpayPaymentId: Id };
const PaymentCaptured = Type.Object({
  ...PaymentRef,
  amountPaise: Type.Integer(),
  method: Type.Optional(Nullable(Type.String())),
});
const PaymentFailed = Type.Object({
  ...PaymentRef,
  amountPaise: Type.Integer(),
  errorDescription: Type.Optional(Nullable(Type.String())),
  errorReason: Type.Optional(Nullable(Type.String())),
});
const PaymentRefunded = Type.Object({
  ...PaymentRef,
  refundId: Id,
  amountPaise: Type.Integer(),
  refundedPaise: Type.Integer(),
  capturedPaise: Type.Integer(),
  isFullyRefunded: Type.Boolean(),
});
const RefundFailed = Type.Object({ ...PaymentRef, refundId: Id });

function read<T extends TSchema>(schema: T, event: EventEnvelope): Static<T> {
  if (!Value.Check(schema, event.data)) throw new Error(`malformed ${event.type} ${event.id}`);
  return event.data as Static<T>;
}

/** Refusals of a command the booking cannot take any more (a late or stale fact): nothing to do. */
const isStale = (error: unknown) =>
  error instanceof AppError &&
  (error.code === 'BOOKING.TRANSITION_NOT_ALLOWED' ||
    error.code === 'BOOKING.HOLD_EXPIRED' ||
    error.code === 'BOOKING.AMOUNT_MISMATCH' ||
    error.code === 'BOOKING.NOT_FOUND');

/**
 * The payments service's facts drive the booking: an order opened (awaiting payment), a payment captured
 * (confirmed, or rejected and refunded), failed (retry allowed), refunded. Each event applies once (inbox),
 * in one transaction with the booking's transition and its outbox events.
 */
export function paymentSubscriptions(context: ServiceContext): Subscription[] {
  const { db, clock, logger } = context;
  const system = { actor: systemActor, clock };

  async function onEvent(tx: Transaction, event: EventEnvelope): Promise<void> {
    const at = event.occurredAt;
    switch (event.type) {
      case 'payment.order_created': {
        const order = read(OrderCreated, event);
        await transition(
          tx,
          order.holdId,
          { type: 'StartPayment', orderId: order.orderId, amountPaise: order.amountPaise },
          system,
        );
        return;
      }
      case 'payment.captured': {
        const payment = read(PaymentCaptured, event);
        const captured = {
          bookingId: payment.holdId,
          orderId: payment.orderId,
          paymentId: payment.paymentId,
          amountPaise: payment.amountPaise,
        };
        const result = await capturePaymentIn(tx, captured, clock);
        if (!result) {
          // money for a hold booking never placed: it cannot pay for anything, so it goes back
          logger.warn(
            { paymentId: payment.paymentId, holdId: payment.holdId },
            'payment captured for an unknown hold',
          );
          await appendToOutbox(tx, [
            createEvent(
              'booking.payment_rejected',
              { ...captured, customerId: payment.customerId, hubId: '', reason: 'booking_closed' },
              system,
            ),
          ]);
          return;
        }
        await recordPayment(
          tx,
          {
            ...captured,
            status: 'captured',
            refundedPaise: 0,
            method: payment.method ?? null,
            razorpayPaymentId: payment.razorpayPaymentId,
          },
          at,
        );
        return;
      }
      case 'payment.failed': {
        const payment = read(PaymentFailed, event);
        await recordPayment(
          tx,
          {
            paymentId: payment.paymentId,
            bookingId: payment.holdId,
            orderId: payment.orderId,
            status: 'failed',
            amountPaise: payment.amountPaise,
            refundedPaise: 0,
            method: null,
            razorpayPaymentId: payment.razorpayPaymentId,
          },
          at,
        );
        const reason = payment.errorDescription ?? payment.errorReason ?? 'payment failed';
        await transition(
          tx,
          payment.holdId,
          { type: 'FailPayment', orderId: payment.orderId, paymentId: payment.paymentId, reason },
          system,
        );
        return;
      }
      case 'payment.refunded': {
        const refund = read(PaymentRefunded, event);
        await recordPayment(
          tx,
          {
            paymentId: refund.paymentId,
            bookingId: refund.holdId,
            orderId: refund.orderId,
            status: refund.isFullyRefunded ? 'refunded' : 'partially_refunded',
            amountPaise: refund.capturedPaise,
            refundedPaise: refund.refundedPaise,
            method: null,
            razorpayPaymentId: refund.razorpayPaymentId,
          },
          at,
        );
        await transition(
          tx,
          refund.holdId,
          {
            type: 'RecordRefund',
            paymentId: refund.paymentId,
            refundId: refund.refundId,
            amountPaise: refund.amountPaise,
          },
          system,
        );
        return;
      }
      case 'payment.refund_failed':
        await markRefundFailed(tx, read(RefundFailed, event).paymentId, at);
        return;
      default:
        return;
    }
  }

  return [
    {
      group: paymentsGroup,
      eventTypes: [
        'payment.order_created',
        'payment.captured',
        'payment.failed',
        'payment.refunded',
        'payment.refund_failed',
      ],
      async handler(event) {
        await handleOnce(db, paymentsGroup, event, async (tx) => {
          try {
            await onEvent(tx, event);
          } catch (error) {
            if (!isStale(error)) throw error;
            // the fact stays recorded (inbox); the booking had moved on, as the timeline shows
            logger.info(
              { eventId: event.id, type: event.type, code: (error as AppError).code },
              'payment fact changes nothing',
            );
          }
        });
      },
    },
  ];
}
