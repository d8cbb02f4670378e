import {
  type DomainEvent,
  MalformedEventError,
  onEvents,
  type Subscription,
  type Transaction,
} from '@zefy/platform';
import type { PaymentsDeps } from '../deps.ts';
import { type RefundAsk, requestRefundFor, sendRefund } from './refunds.commands.ts';

export const refundsGroup = 'payments.refunds';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type RefundingEvent = DomainEvent<'booking.payment_rejected'> | DomainEvent<'booking.cancelled'>;

/**
 * What a booking event asks to give back; null when it asks for nothing. `booking.payment_rejected`: a
 * captured payment that cannot pay for its hold, refunded up to `amountPaise`. `booking.cancelled`:
 * `refundDuePaise` of `paymentId`, if any. Our payment ids are uuids, and an ask is for some money: anything
 * else is a broken event (retried, then dead-lettered).
 */
export function refundAskOf(event: RefundingEvent): RefundAsk | null {
  const asked =
    event.type === 'booking.payment_rejected'
      ? { paymentId: event.data.paymentId, amountPaise: event.data.amountPaise }
      : event.data.paymentId && event.data.refundDuePaise > 0
        ? { paymentId: event.data.paymentId, amountPaise: event.data.refundDuePaise }
        : null;
  if (!asked) return null;
  if (!uuid.test(asked.paymentId) || asked.amountPaise < 1)
    throw new MalformedEventError(
      `malformed ${event.type} ${event.id}: ${asked.amountPaise} paise of payment ${asked.paymentId}`,
    );
  return { ...asked, reason: `${event.type}: ${event.data.reason}` };
}

/** The refunds a `booking.refund_granted` asks for, one per part, each of at most its amount. */
export function refundAsksOfGrant(event: DomainEvent<'booking.refund_granted'>): RefundAsk[] {
  return event.data.parts.map((part) => {
    if (!uuid.test(part.paymentId) || !Number.isSafeInteger(part.amountPaise) || part.amountPaise < 1)
      throw new MalformedEventError(
        `malformed ${event.type} ${event.id}: ${part.amountPaise} paise of payment ${part.paymentId}`,
      );
    return { ...part, reason: `${event.type}: ${event.data.reason}` };
  });
}

/**
 * Refunds what the booking service gives back, once per event: the refund row and the inbox row commit
 * together, then Razorpay is asked (and asked again by reconciliation if that answer never comes). A
 * payment with less left than asked is refunded what is left; one with nothing left is flagged.
 */
export function refundSubscriptions(deps: PaymentsDeps): Subscription[] {
  async function refund(tx: Transaction, event: RefundingEvent) {
    const ask = refundAskOf(event);
    const refundId = ask ? await requestRefundFor(deps, tx, ask, event) : null;
    return refundId ? () => sendRefund(deps, refundId) : undefined;
  }
  async function refundGrant(tx: Transaction, event: DomainEvent<'booking.refund_granted'>) {
    const refundIds: string[] = [];
    for (const ask of refundAsksOfGrant(event)) {
      const refundId = await requestRefundFor(deps, tx, ask, event);
      if (refundId) refundIds.push(refundId);
    }
    return async () => {
      for (const refundId of refundIds) await sendRefund(deps, refundId);
    };
  }
  return [
    onEvents(deps.db, refundsGroup, {
      'booking.payment_rejected': (_data, tx, event) => refund(tx, event),
      'booking.cancelled': (_data, tx, event) => refund(tx, event),
      // the team's refund in part: of the booking's first payment, then its extra's
      'booking.refund_granted': (_data, tx, event) => refundGrant(tx, event),
    }),
  ];
}
