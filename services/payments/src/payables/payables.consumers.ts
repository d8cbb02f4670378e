import type { EventData } from '@zefy/contracts';
import { onEvents, type Subscription, type Transaction } from '@zefy/platform';
import type { PaymentsDeps } from '../deps.ts';
import { recordBookingFact } from './payables.commands.ts';
import type { ClosingEvent, PayableIds } from './payables.ts';

export const payablesGroup = 'payments.payables';

/** A hold is a booking in state held, so a hold's payable has the booking's id. */
const holdIds = (data: { bookingId: string; customerId: string; hubId: string }): PayableIds => ({
  id: data.bookingId,
  kind: 'hold',
  bookingId: data.bookingId,
  customerId: data.customerId,
  hubId: data.hubId,
});

const extraIds = (
  data: { bookingId: string; customerId: string; hubId: string },
  extraPayableId: string,
): PayableIds => ({
  id: extraPayableId,
  kind: 'extra',
  bookingId: data.bookingId,
  customerId: data.customerId,
  hubId: data.hubId,
});

/** How long the customer has to pay for a job's extra time before its order is refused. */
const extraPayableDays = 30;

/** Learns what customers may pay for from booking's events, once per event (inbox). */
export function payableSubscriptions(deps: PaymentsDeps): Subscription[] {
  const close =
    (closedBy: ClosingEvent) =>
    (
      data: EventData<Exclude<ClosingEvent, 'booking.completed' | 'booking.extra_adjusted'>>,
      tx: Transaction,
    ): Promise<void> =>
      recordBookingFact(deps, tx, { type: 'ClosePayable', ids: holdIds(data), closedBy });
  /** The extra's payable, for its customer and `extraDuePaise`, payable for `extraPayableDays` from `since`. */
  const openExtra = (
    tx: Transaction,
    data: { bookingId: string; customerId: string; hubId: string; extraDuePaise: number },
    payableId: string,
    since: string,
  ): Promise<void> =>
    recordBookingFact(deps, tx, {
      type: 'RecordPayable',
      ids: extraIds(data, payableId),
      terms: {
        amountPaise: data.extraDuePaise,
        expiresAt: new Date(Date.parse(since) + extraPayableDays * 24 * 3600_000),
      },
    });
  return [
    onEvents(deps.db, payablesGroup, {
      'booking.held': (data, tx) =>
        recordBookingFact(deps, tx, {
          type: 'RecordPayable',
          ids: holdIds(data),
          terms: { amountPaise: data.amountPaise, expiresAt: new Date(data.expiresAt) },
        }),
      'booking.hold_expired': close('booking.hold_expired'),
      'booking.confirmed': close('booking.confirmed'),
      'booking.cancelled': close('booking.cancelled'),
      // the extra time of a job: its customer, its amount, until it is paid (booking.completed)
      'booking.job_ended': async (data, tx) => {
        if (data.extraPayableId === null) return;
        await openExtra(tx, data, data.extraPayableId, data.endedAt);
      },
      // the team lowered the extra: the old payable (its order was for the old amount) takes no more orders,
      // the new one is owed until paid, as long as the old one was
      'booking.extra_adjusted': async (data, tx, event) => {
        if (data.previousPayableId !== null)
          await recordBookingFact(deps, tx, {
            type: 'ClosePayable',
            ids: extraIds(data, data.previousPayableId),
            closedBy: 'booking.extra_adjusted',
          });
        if (data.extraPayableId === null) return;
        await openExtra(tx, data, data.extraPayableId, event.occurredAt);
      },
      'booking.completed': async (data, tx) => {
        if (data.extraPayableId === null) return;
        await recordBookingFact(deps, tx, {
          type: 'ClosePayable',
          ids: extraIds(data, data.extraPayableId),
          closedBy: 'booking.completed',
        });
      },
    }),
  ];
}
