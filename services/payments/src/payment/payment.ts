import { accept, assertNever, type Decider, type Decision, refuse } from '@zefy/platform/domain';

/**
 * The payment aggregate: one Razorpay payment of one of our orders, and its refunds. A payment moves
 * forward only (authorized → captured → refunded in part or in full, or → failed), whatever order the
 * facts about it arrive in: a stale or repeated fact decides nothing.
 */

export type VerificationSource = 'checkout' | 'webhook' | 'reconciliation';
export type PaymentStatus = 'authorized' | 'captured' | 'failed';
export type RefundStatus = 'requested' | 'pending' | 'processed' | 'failed';

export interface PaymentError {
  code: string | null;
  description: string | null;
  reason: string | null;
}

/** What Razorpay says about a payment, from a webhook, a fetch, or a verified checkout callback. */
export interface PaymentSnapshot {
  razorpayPaymentId: string;
  razorpayOrderId: string | null;
  amountPaise: number;
  currency: string;
  status: 'created' | 'authorized' | 'captured' | 'refunded' | 'failed';
  method: string | null;
  error: PaymentError | null;
}

/** What Razorpay says about a refund. */
export interface RefundSnapshot {
  razorpayRefundId: string;
  /** Our refund id, read back from the refund's notes, when we asked for it. */
  refundId: string | null;
  amountPaise: number;
  status: 'pending' | 'processed' | 'failed';
}

export interface Refund {
  id: string;
  amountPaise: number;
  status: RefundStatus;
  razorpayRefundId: string | null;
  reason: string;
  requestedBy: string;
}

export interface KnownPayment {
  status: PaymentStatus;
  paymentId: string;
  razorpayPaymentId: string;
  amountPaise: number;
  method: string | null;
  /** Who saw it captured first; null until captured. */
  verifiedBy: VerificationSource | null;
  error: PaymentError | null;
  refunds: readonly Refund[];
}

export type PaymentState = { status: 'unknown' } | KnownPayment;

export type PaymentCommand =
  | {
      type: 'RecordPayment';
      snapshot: PaymentSnapshot;
      source: VerificationSource;
      /** Id the payment gets if this is the first we hear of it. */
      newPaymentId: string;
    }
  | {
      type: 'RequestRefund';
      refundId: string;
      /** null: all that remains. */
      amountPaise: number | null;
      /** `at_most` refunds what remains when less than asked (a booking asking back what it was paid). */
      policy: 'exact' | 'at_most';
      reason: string;
      requestedBy: string;
    }
  | {
      type: 'RecordRefund';
      snapshot: RefundSnapshot;
      /** Id the refund gets if it was made outside Zefy (Razorpay Dashboard). */
      newRefundId: string;
    }
  | { type: 'RejectRefund'; refundId: string; failure: string };

interface PaymentFacts {
  paymentId: string;
  razorpayPaymentId: string;
  amountPaise: number;
  method: string | null;
}

type RefundEvent =
  | { type: 'RefundRequested'; refundId: string; amountPaise: number; reason: string; requestedBy: string }
  | { type: 'RefundAccepted'; refundId: string; razorpayRefundId: string }
  | { type: 'RefundProcessed'; refundId: string; razorpayRefundId: string }
  | { type: 'RefundFailed'; refundId: string; failure: string; wasAccepted: boolean };

export type PaymentEvent =
  | ({ type: 'PaymentAuthorized' } & PaymentFacts)
  | ({ type: 'PaymentCaptured'; verifiedBy: VerificationSource } & PaymentFacts)
  | ({ type: 'PaymentFailed'; error: PaymentError | null } & PaymentFacts)
  | RefundEvent;

/** Money that counts as taken back already or on its way back: every refund that has not failed. */
export const committedRefundsPaise = (payment: KnownPayment): number =>
  payment.refunds
    .filter((refund) => refund.status !== 'failed')
    .reduce((sum, refund) => sum + refund.amountPaise, 0);

export const refundedPaise = (payment: KnownPayment): number =>
  payment.refunds
    .filter((refund) => refund.status === 'processed')
    .reduce((sum, refund) => sum + refund.amountPaise, 0);

/** What can still be refunded: captured minus refunds not failed. */
export const refundablePaise = (state: PaymentState): number =>
  state.status === 'captured' ? state.amountPaise - committedRefundsPaise(state) : 0;

/** The level a snapshot proves the payment reached; `created` proves nothing we keep. */
function observedLevel(snapshot: PaymentSnapshot): PaymentStatus | null {
  switch (snapshot.status) {
    case 'captured':
    case 'refunded':
      return 'captured';
    case 'authorized':
    case 'failed':
      return snapshot.status;
    case 'created':
      return null;
  }
}

function decidePayment(
  command: Extract<PaymentCommand, { type: 'RecordPayment' }>,
  state: PaymentState,
): Decision<PaymentEvent> {
  const { snapshot } = command;
  const level = observedLevel(snapshot);
  if (level === null) return accept();
  if (state.status !== 'unknown' && state.razorpayPaymentId !== snapshot.razorpayPaymentId)
    return refuse(
      'PAYMENTS.PAYMENT_NOT_FOUND',
      `a snapshot of ${snapshot.razorpayPaymentId} is not news of ${state.razorpayPaymentId}`,
    );
  const facts: PaymentFacts =
    state.status === 'unknown'
      ? {
          paymentId: command.newPaymentId,
          razorpayPaymentId: snapshot.razorpayPaymentId,
          amountPaise: snapshot.amountPaise,
          method: snapshot.method,
        }
      : {
          paymentId: state.paymentId,
          razorpayPaymentId: state.razorpayPaymentId,
          amountPaise: state.amountPaise,
          method: snapshot.method ?? state.method,
        };
  const captured = accept<PaymentEvent>({ type: 'PaymentCaptured', verifiedBy: command.source, ...facts });
  const failed = accept<PaymentEvent>({ type: 'PaymentFailed', error: snapshot.error, ...facts });
  switch (state.status) {
    case 'unknown':
      if (level === 'captured') return captured;
      if (level === 'failed') return failed;
      return accept({ type: 'PaymentAuthorized', ...facts });
    case 'authorized':
      if (level === 'captured') return captured;
      if (level === 'failed') return failed;
      return accept();
    case 'failed':
      // a late authorisation that was then captured: the money moved, so the capture wins
      return level === 'captured' ? captured : accept();
    case 'captured':
      return accept();
  }
}

function decideRefundRequest(
  command: Extract<PaymentCommand, { type: 'RequestRefund' }>,
  state: PaymentState,
): Decision<PaymentEvent> {
  if (state.status !== 'captured')
    return refuse(
      'PAYMENTS.PAYMENT_NOT_CAPTURED',
      state.status === 'unknown' ? 'The payment is not known' : `The payment is ${state.status}`,
    );
  const remaining = refundablePaise(state);
  const asked = command.amountPaise ?? remaining;
  const amount = command.policy === 'at_most' ? Math.min(asked, remaining) : asked;
  if (remaining === 0 || amount > remaining || amount < 1)
    return refuse(
      'PAYMENTS.REFUND_EXCEEDS_BALANCE',
      `${asked} paise asked, ${remaining} of ${state.amountPaise} paise left to refund`,
    );
  return accept({
    type: 'RefundRequested',
    refundId: command.refundId,
    amountPaise: amount,
    reason: command.reason,
    requestedBy: command.requestedBy,
  });
}

function decideRefundFact(
  command: Extract<PaymentCommand, { type: 'RecordRefund' }>,
  state: PaymentState,
): Decision<PaymentEvent> {
  const { snapshot } = command;
  if (state.status === 'unknown') return accept();
  const known = state.refunds.find(
    (refund) =>
      refund.id === snapshot.refundId ||
      (refund.razorpayRefundId !== null && refund.razorpayRefundId === snapshot.razorpayRefundId),
  );
  const razorpayRefundId = snapshot.razorpayRefundId;
  if (!known) {
    // Razorpay's own auto-refund of a payment never captured never entered our books
    if (state.status !== 'captured') return accept();
    const refundId = command.newRefundId;
    const events: PaymentEvent[] = [
      {
        type: 'RefundRequested',
        refundId,
        amountPaise: snapshot.amountPaise,
        reason: 'refunded outside Zefy',
        requestedBy: 'razorpay',
      },
      { type: 'RefundAccepted', refundId, razorpayRefundId },
    ];
    if (snapshot.status === 'processed') events.push({ type: 'RefundProcessed', refundId, razorpayRefundId });
    if (snapshot.status === 'failed')
      events.push({ type: 'RefundFailed', refundId, failure: 'failed at Razorpay', wasAccepted: true });
    return accept(...events);
  }
  const refundId = known.id;
  const accepted: PaymentEvent = { type: 'RefundAccepted', refundId, razorpayRefundId };
  const processed: PaymentEvent = { type: 'RefundProcessed', refundId, razorpayRefundId };
  const failedAtRazorpay = (wasAccepted: boolean): PaymentEvent => ({
    type: 'RefundFailed',
    refundId,
    failure: 'failed at Razorpay',
    wasAccepted,
  });
  switch (known.status) {
    case 'requested':
      if (snapshot.status === 'pending') return accept(accepted);
      if (snapshot.status === 'processed') return accept<PaymentEvent>(accepted, processed);
      return accept(failedAtRazorpay(false));
    case 'pending':
      if (snapshot.status === 'processed') return accept(processed);
      if (snapshot.status === 'failed') return accept(failedAtRazorpay(true));
      return accept();
    case 'processed':
    case 'failed':
      return accept();
  }
}

function decideRefundRejection(
  command: Extract<PaymentCommand, { type: 'RejectRefund' }>,
  state: PaymentState,
): Decision<PaymentEvent> {
  if (state.status === 'unknown') return accept();
  const refund = state.refunds.find((candidate) => candidate.id === command.refundId);
  return refund?.status === 'requested'
    ? accept({ type: 'RefundFailed', refundId: refund.id, failure: command.failure, wasAccepted: false })
    : accept();
}

const withRefund = (payment: KnownPayment, refundId: string, change: Partial<Refund>): KnownPayment => ({
  ...payment,
  refunds: payment.refunds.map((refund) => (refund.id === refundId ? { ...refund, ...change } : refund)),
});

function known(state: PaymentState, event: PaymentFacts): KnownPayment {
  return state.status === 'unknown'
    ? { status: 'authorized', ...event, verifiedBy: null, error: null, refunds: [] }
    : { ...state, method: event.method };
}

function evolveRefund(payment: KnownPayment, event: RefundEvent): KnownPayment {
  switch (event.type) {
    case 'RefundRequested':
      return {
        ...payment,
        refunds: [
          ...payment.refunds,
          {
            id: event.refundId,
            amountPaise: event.amountPaise,
            status: 'requested',
            razorpayRefundId: null,
            reason: event.reason,
            requestedBy: event.requestedBy,
          },
        ],
      };
    case 'RefundAccepted':
      return withRefund(payment, event.refundId, {
        status: 'pending',
        razorpayRefundId: event.razorpayRefundId,
      });
    case 'RefundProcessed':
      return withRefund(payment, event.refundId, {
        status: 'processed',
        razorpayRefundId: event.razorpayRefundId,
      });
    case 'RefundFailed':
      return withRefund(payment, event.refundId, { status: 'failed' });
    default:
      return assertNever(event);
  }
}

/**
 * The facts a command establishes, given what is known (none when it changes nothing), and the payment
 * they make. Commands carry the ids a new payment or refund gets, so deciding stays pure.
 */
export const paymentDecider: Decider<PaymentCommand, PaymentState, PaymentEvent> = {
  initialState: { status: 'unknown' },
  decide(command, state) {
    switch (command.type) {
      case 'RecordPayment':
        return decidePayment(command, state);
      case 'RequestRefund':
        return decideRefundRequest(command, state);
      case 'RecordRefund':
        return decideRefundFact(command, state);
      case 'RejectRefund':
        return decideRefundRejection(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'PaymentAuthorized':
        return { ...known(state, event), status: 'authorized' };
      case 'PaymentCaptured':
        return { ...known(state, event), status: 'captured', verifiedBy: event.verifiedBy, error: null };
      case 'PaymentFailed':
        return { ...known(state, event), status: 'failed', error: event.error };
      case 'RefundRequested':
      case 'RefundAccepted':
      case 'RefundProcessed':
      case 'RefundFailed':
        // a refund of a payment we do not know changes nothing
        return state.status === 'unknown' ? state : evolveRefund(state, event);
      default:
        return assertNever(event);
    }
  },
};

export interface OrderTerms {
  razorpayOrderId: string;
  amountPaise: number;
  currency: string;
}

export interface Mismatch {
  kind: 'order_mismatch' | 'amount_mismatch' | 'currency_mismatch';
  detail: string;
}

/**
 * A payment only counts for an order if it is of that order, for its amount, in its currency. Anything
 * else is rejected and flagged for a person to look at; nothing about the order changes.
 */
export function checkAgainstOrder(
  terms: OrderTerms,
  snapshot: PaymentSnapshot,
  razorpayOrder?: { id: string; amountPaise: number; currency: string },
): Mismatch | null {
  if (snapshot.razorpayOrderId !== terms.razorpayOrderId)
    return {
      kind: 'order_mismatch',
      detail: `payment ${snapshot.razorpayPaymentId} is of order ${snapshot.razorpayOrderId ?? 'none'}, not ${terms.razorpayOrderId}`,
    };
  if (razorpayOrder && razorpayOrder.id !== terms.razorpayOrderId)
    return {
      kind: 'order_mismatch',
      detail: `the event's order ${razorpayOrder.id} is not the payment's order ${terms.razorpayOrderId}`,
    };
  if (snapshot.currency !== terms.currency || (razorpayOrder && razorpayOrder.currency !== terms.currency))
    return {
      kind: 'currency_mismatch',
      detail: `paid in ${snapshot.currency}, order is in ${terms.currency}`,
    };
  if (snapshot.amountPaise !== terms.amountPaise)
    return {
      kind: 'amount_mismatch',
      detail: `payment ${snapshot.razorpayPaymentId} is ${snapshot.amountPaise} paise, order is ${terms.amountPaise}`,
    };
  if (razorpayOrder && razorpayOrder.amountPaise !== terms.amountPaise)
    return {
      kind: 'amount_mismatch',
      detail: `Razorpay's order is ${razorpayOrder.amountPaise} paise, ours is ${terms.amountPaise}`,
    };
  return null;
}
