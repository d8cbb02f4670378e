import { given } from '@zefy/platform/testing';
import { describe, expect, it } from 'vitest';
import { type ClosingEvent, type PayableEvent, type PayableIds, payableDecider } from './payables.ts';

const now = new Date('2026-03-02T10:00:00.000Z');
const asCustomer = { actor: { kind: 'customer' as const, id: 'cust-1' }, now };
const ids: PayableIds = { id: 'b-1', kind: 'hold', bookingId: 'b-1', customerId: 'cust-1', hubId: 'hub-1' };
const terms = { amountPaise: 58_882, expiresAt: new Date('2026-03-02T10:10:00.000Z') };
const held: PayableEvent = { type: 'PayableRecorded', ids, terms };
const closedBy = (event: ClosingEvent): PayableEvent => ({ type: 'PayableClosed', ids, closedBy: event });
const openOrder = (payableId = 'b-1') => ({ type: 'OpenOrder' as const, payableId });

describe('learning payables from booking', () => {
  it('records a hold as open, at its terms', () => {
    const state = given(payableDecider)
      .when({ type: 'RecordPayable', ids, terms }, asCustomer)
      .thenEmits(held);
    expect(state).toEqual({ status: 'open', ids, terms });
  });

  it('keeps a payable closed when its terms arrive after the closing event', () => {
    const state = given(payableDecider, closedBy('booking.cancelled'))
      .when({ type: 'RecordPayable', ids, terms }, asCustomer)
      .thenEmits(held);
    expect(state).toEqual({ status: 'closed', ids, terms, closedBy: 'booking.cancelled' });
  });

  it('closes an open payable, keeping its terms', () => {
    const state = given(payableDecider, held)
      .when({ type: 'ClosePayable', ids, closedBy: 'booking.confirmed' }, asCustomer)
      .thenEmits(closedBy('booking.confirmed'));
    expect(state).toEqual({ status: 'closed', ids, terms, closedBy: 'booking.confirmed' });
  });
});

describe('whether a payable takes an order', () => {
  it('takes one for an open hold before it lapses, at the hold’s amount', () => {
    given(payableDecider, held)
      .when(openOrder(), asCustomer)
      .thenEmits({ type: 'OrderOpened', payableId: 'b-1', customerId: 'cust-1', amountPaise: 58_882 });
  });

  it('answers an unknown hold (or another customer’s) as not found', () => {
    given(payableDecider).when(openOrder('b-9'), asCustomer).thenRefuses('PAYMENTS.HOLD_NOT_FOUND');
  });

  it('refuses a hold that lapsed, even before booking said it expired', () => {
    given(payableDecider, held)
      .when(openOrder(), { ...asCustomer, now: new Date('2026-03-02T10:10:00.000Z') })
      .thenRefuses('PAYMENTS.HOLD_EXPIRED');
    given(payableDecider, held, closedBy('booking.hold_expired'))
      .when(openOrder(), asCustomer)
      .thenRefuses('PAYMENTS.HOLD_EXPIRED');
  });

  it('refuses a hold that was paid or cancelled, or closed before its terms arrived', () => {
    for (const event of ['booking.confirmed', 'booking.cancelled'] as const)
      given(payableDecider, held, closedBy(event))
        .when(openOrder(), asCustomer)
        .thenRefuses('PAYMENTS.HOLD_CLOSED');
    given(payableDecider, closedBy('booking.cancelled'))
      .when(openOrder(), asCustomer)
      .thenRefuses('PAYMENTS.HOLD_CLOSED');
    given(payableDecider, closedBy('booking.cancelled'), held)
      .when(openOrder(), asCustomer)
      .thenRefuses('PAYMENTS.HOLD_CLOSED');
  });
});

describe("a job's extra time", () => {
  const extra: PayableIds = {
    id: 'x-1',
    kind: 'extra',
    bookingId: 'b-1',
    customerId: 'cust-1',
    hubId: 'hub-1',
  };
  const due = { amountPaise: 11_800, expiresAt: new Date('2026-04-01T10:00:00.000Z') };
  const recorded: PayableEvent = { type: 'PayableRecorded', ids: extra, terms: due };

  it('takes an order at the extra amount, for the booking’s customer, until the booking completes', () => {
    given(payableDecider, recorded)
      .when(openOrder('x-1'), asCustomer)
      .thenEmits({ type: 'OrderOpened', payableId: 'x-1', customerId: 'cust-1', amountPaise: 11_800 });
    given(payableDecider, recorded, { type: 'PayableClosed', ids: extra, closedBy: 'booking.completed' })
      .when(openOrder('x-1'), asCustomer)
      .thenRefuses('PAYMENTS.HOLD_CLOSED');
  });
});
