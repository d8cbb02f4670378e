import { accept, assertNever, type Decider, refuse } from '@zefy/platform/domain';

/**
 * What a customer can be charged for, as payments learns it from booking's events (booking decides; this
 * is its read model). A hold's payable has the hold's id; a job's extra time is a second payable of the
 * same booking, with an id of its own (booking.job_ended names it). Orders are keyed by the payable's id
 * (`holdId`) for both.
 */
export type PayableKind = 'hold' | 'extra';

/** Booking's events after which a payable takes no new order (a late capture is booking's to judge). */
export type ClosingEvent =
  | 'booking.hold_expired'
  | 'booking.confirmed'
  | 'booking.cancelled'
  | 'booking.completed'
  | 'booking.extra_adjusted';

export interface PayableIds {
  id: string;
  kind: PayableKind;
  bookingId: string;
  customerId: string;
  hubId: string;
}

export interface PayableTerms {
  amountPaise: number;
  expiresAt: Date;
}

/**
 * A payable closed before its terms arrived (events delivered out of order) has none; one that is open
 * always has them.
 */
export type PayableState =
  | { status: 'unknown' }
  | { status: 'open'; ids: PayableIds; terms: PayableTerms }
  | { status: 'closed'; ids: PayableIds; terms: PayableTerms | null; closedBy: string };

export type PayableCommand =
  | { type: 'RecordPayable'; ids: PayableIds; terms: PayableTerms }
  | { type: 'ClosePayable'; ids: PayableIds; closedBy: ClosingEvent }
  /** The caller's own payable is the state; another customer's is `unknown`, like one never heard of. */
  | { type: 'OpenOrder'; payableId: string };

export type PayableEvent =
  | { type: 'PayableRecorded'; ids: PayableIds; terms: PayableTerms }
  | { type: 'PayableClosed'; ids: PayableIds; closedBy: ClosingEvent }
  /** The terms an order for the payable is opened with. */
  | { type: 'OrderOpened'; payableId: string; customerId: string; amountPaise: number };

/**
 * Booking's facts are recorded whatever order they arrive in (a closed payable stays closed when its terms
 * come late); an order is opened only for an open payable that has not passed `expiresAt`, at its amount.
 * Another customer's hold gets the answer an unknown one gets, so nobody learns which holds exist.
 */
export const payableDecider: Decider<PayableCommand, PayableState, PayableEvent> = {
  initialState: { status: 'unknown' },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'RecordPayable':
        return accept({ type: 'PayableRecorded', ids: command.ids, terms: command.terms });
      case 'ClosePayable':
        return accept({ type: 'PayableClosed', ids: command.ids, closedBy: command.closedBy });
      case 'OpenOrder': {
        const { payableId } = command;
        if (state.status === 'unknown')
          return refuse('PAYMENTS.HOLD_NOT_FOUND', `You have no hold ${payableId}`);
        const hasLapsed = state.terms !== null && state.terms.expiresAt.getTime() <= now.getTime();
        if (state.status === 'closed' ? state.closedBy === 'booking.hold_expired' : hasLapsed)
          return refuse('PAYMENTS.HOLD_EXPIRED', `The hold ${payableId} has expired`);
        if (state.status === 'closed')
          return refuse(
            'PAYMENTS.HOLD_CLOSED',
            `The hold ${payableId} takes no more payments (${state.closedBy})`,
          );
        return accept({
          type: 'OrderOpened',
          payableId,
          customerId: state.ids.customerId,
          amountPaise: state.terms.amountPaise,
        });
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'PayableRecorded':
        return state.status === 'unknown'
          ? { status: 'open', ids: event.ids, terms: event.terms }
          : { ...state, terms: event.terms };
      case 'PayableClosed':
        return {
          status: 'closed',
          ids: state.status === 'unknown' ? event.ids : state.ids,
          terms: state.status === 'unknown' ? null : state.terms,
          closedBy: event.closedBy,
        };
      case 'OrderOpened':
        return state;
      default:
        return assertNever(event);
    }
  },
};
