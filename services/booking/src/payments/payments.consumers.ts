import type { ErrorCode } from '@zefy/contracts';
import { AppError, type DomainEvent, onEvents, type Subscription } from '@zefy/platform';
import {
  captureExtraPayment,
  capturePayment,
  failPayment,
  recordRefund,
  startPayment,
} from '../booking/booking.commands.ts';
import type { BookingDeps } from '../deps.ts';
import { markRefundFailed, recordPayment, resolvePayable } from './payments.repository.ts';

export const paymentsGroup = 'booking.payments';

/** Refusals of a fact the booking cannot take any more (late or stale): the booking had moved on. */
const staleCodes: readonly ErrorCode[] = [
  'BOOKING.TRANSITION_NOT_ALLOWED',
  'BOOKING.HOLD_EXPIRED',
  'BOOKING.AMOUNT_MISMATCH',
  'BOOKING.PAYER_NOT_CUSTOMER',
  'BOOKING.NOT_FOUND',
];

/**
 * The payments service's facts drive the booking: an order opened (awaiting payment), a payment captured
 * (confirmed, or rejected and refunded), failed (retry allowed), refunded. Each event applies once (inbox),
 * in one transaction with the booking's transition and its outbox events. `holdId` is the booking's id (a
 * hold is a booking in state held), or the payable of a job's extra time (its second order), which only a
 * capture moves (completed).
 */
export function paymentSubscriptions(deps: BookingDeps): Subscription[] {
  /** A stale fact stays recorded (inbox) and changes nothing; the booking's timeline shows why. */
  async function unlessStale(event: DomainEvent, apply: () => Promise<unknown>): Promise<void> {
    try {
      await apply();
    } catch (error) {
      if (!(error instanceof AppError) || !staleCodes.includes(error.code)) throw error;
      deps.logger.info(
        { eventId: event.id, type: event.type, code: error.code },
        'payment fact changes nothing',
      );
    }
  }

  return [
    onEvents(deps.db, paymentsGroup, {
      'payment.order_created': (order, tx, event) =>
        unlessStale(event, async () => {
          if ((await resolvePayable(tx, order.holdId)).isExtra) return;
          await startPayment(deps, tx, {
            bookingId: order.holdId,
            orderId: order.orderId,
            customerId: order.customerId,
            amountPaise: order.amountPaise,
          });
        }),
      'payment.captured': (payment, tx, event) =>
        unlessStale(event, async () => {
          const { bookingId, isExtra } = await resolvePayable(tx, payment.holdId);
          const fact = {
            bookingId,
            orderId: payment.orderId,
            paymentId: payment.paymentId,
            customerId: payment.customerId,
            amountPaise: payment.amountPaise,
          };
          const captured = isExtra
            ? await captureExtraPayment(deps, tx, fact)
            : await capturePayment(deps, tx, fact);
          if (!captured) return;
          await recordPayment(
            tx,
            { ...payment, holdId: bookingId },
            {
              status: 'captured',
              amountPaise: payment.amountPaise,
              refundedPaise: 0,
              method: payment.method,
            },
            event.occurredAt,
          );
        }),
      'payment.failed': (payment, tx, event) =>
        unlessStale(event, async () => {
          const { bookingId, isExtra } = await resolvePayable(tx, payment.holdId);
          await recordPayment(
            tx,
            { ...payment, holdId: bookingId },
            { status: 'failed', amountPaise: payment.amountPaise, refundedPaise: 0, method: null },
            event.occurredAt,
          );
          // a failed attempt at the extra changes nothing: the customer pays again
          if (isExtra) return;
          await failPayment(deps, tx, {
            bookingId: payment.holdId,
            orderId: payment.orderId,
            paymentId: payment.paymentId,
            reason: payment.errorDescription ?? payment.errorReason ?? 'payment failed',
          });
        }),
      'payment.refunded': (refund, tx, event) =>
        unlessStale(event, async () => {
          const { bookingId } = await resolvePayable(tx, refund.holdId);
          await recordPayment(
            tx,
            { ...refund, holdId: bookingId },
            {
              status: refund.isFullyRefunded ? 'refunded' : 'partially_refunded',
              amountPaise: refund.capturedPaise,
              refundedPaise: refund.refundedPaise,
              method: null,
            },
            event.occurredAt,
          );
          await recordRefund(deps, tx, {
            bookingId,
            paymentId: refund.paymentId,
            refundId: refund.refundId,
            amountPaise: refund.amountPaise,
          });
        }),
      'payment.refund_failed': (refund, tx, event) =>
        markRefundFailed(tx, refund.paymentId, event.occurredAt),
    }),
  ];
}
