import { AppError, handleOnce, type Subscription } from '@zefy/platform';
import { type Static, Type } from 'typebox';
import Value from 'typebox/value';
import { type PaymentsDeps, systemActor } from '../dependencies.ts';
import { requestRefund } from '../payment/payment.commands.ts';
import { flagForReview } from '../payment/payment.repository.ts';
import { sendRefund } from './refunds.commands.ts';

export const refundsGroup = 'payments.refunds';

const Uuid = Type.String({ format: 'uuid' });

/**
 * The fields payments reads of the booking events that give money back (a tolerant reader: other fields
 * are the booking service's business). `booking.payment_rejected`: a captured payment that cannot pay for
 * its hold; refund up to `amountPaise`. `booking.cancelled`: refund `refundDuePaise` of `paymentId`, if any.
 */
const PaymentRejected = Type.Object({
  paymentId: Uuid,
  amountPaise: Type.Integer({ minimum: 1 }),
  reason: Type.String(),
});
const BookingCancelled = Type.Object({
  paymentId: Type.Union([Uuid, Type.Null()]),
  refundDuePaise: Type.Integer({ minimum: 0 }),
  reason: Type.String(),
});

export interface RefundAsk {
  paymentId: string;
  amountPaise: number;
  reason: string;
}

/** What a booking event asks to refund; null when it asks for nothing. Throws on a malformed event. */
export function refundAskOf(type: string, data: unknown): RefundAsk | null {
  if (type === 'booking.payment_rejected') {
    if (!Value.Check(PaymentRejected, data)) throw new Error(`malformed ${type}: ${JSON.stringify(data)}`);
    const rejected: Static<typeof PaymentRejected> = data;
    return {
      paymentId: rejected.paymentId,
      amountPaise: rejected.amountPaise,
      reason: `${type}: ${rejected.reason}`,
    };
  }
  if (!Value.Check(BookingCancelled, data)) throw new Error(`malformed ${type}: ${JSON.stringify(data)}`);
  const cancelled: Static<typeof BookingCancelled> = data;
  if (!cancelled.paymentId || cancelled.refundDuePaise === 0) return null;
  return {
    paymentId: cancelled.paymentId,
    amountPaise: cancelled.refundDuePaise,
    reason: `${type}: ${cancelled.reason}`,
  };
}

/**
 * Refunds what the booking service gives back, once per event: the refund row and the inbox row commit
 * together, then Razorpay is asked (and asked again by reconciliation if that answer never comes). A
 * payment with less left than asked is refunded what is left; one with nothing left is flagged.
 */
export function refundSubscriptions(deps: PaymentsDeps): Subscription[] {
  return [
    {
      group: refundsGroup,
      eventTypes: ['booking.payment_rejected', 'booking.cancelled'],
      async handler(event) {
        const ask = refundAskOf(event.type, event.data);
        if (!ask) return;
        const requested: { refundId?: string } = {};
        await handleOnce(deps.db, refundsGroup, event, async (tx) => {
          const at = deps.clock.now();
          try {
            const { refund } = await requestRefund(tx, {
              ...ask,
              policy: 'at_most',
              requestedBy: `event:${event.type}:${event.id}`,
              at,
              actor: systemActor,
            });
            requested.refundId = refund.id;
          } catch (error) {
            const isSettled =
              error instanceof AppError &&
              (error.code === 'PAYMENTS.REFUND_EXCEEDS_BALANCE' ||
                error.code === 'PAYMENTS.PAYMENT_NOT_CAPTURED');
            if (!isSettled) throw error;
            deps.logger.warn(
              { eventId: event.id, ask, err: error },
              'refund asked by a booking event not possible',
            );
            await flagForReview(tx, {
              kind: 'refund_not_possible',
              source: event.type,
              razorpayOrderId: null,
              razorpayPaymentId: null,
              detail: `payment ${ask.paymentId}: ${error.detail ?? error.code}`,
              at,
            });
          }
        });
        if (requested.refundId) await sendRefund(deps, requested.refundId);
      },
    },
  ];
}
