import type { Actor } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import type { Booking, BookingTerms } from '../booking/booking.ts';
import { decideRating } from './ratings.ts';

const terms = { bookingId: 'b-1', customerId: 'cust-1', hubId: 'hub-1' } as BookingTerms;
const assignment = {
  partnerId: 'p-1',
  partner: { name: 'Asha', photoUrl: null, phone: null, rating: 4.5 },
  assignedAt: '',
  assignedBy: 'partner' as const,
};
const payment = { paymentId: 'pay_1', orderId: 'order_1', amountPaise: 100 };
const work = { startedAt: '', endedAt: '', workedMinutes: 60, extraDuePaise: 0, extraPayableId: null };
const completed: Booking = {
  status: 'completed',
  terms,
  payment,
  assignment,
  work,
  extraPayment: null,
  completedAt: '',
};
const inProgress: Booking = { status: 'in_progress', terms, payment, assignment, jobStartedAt: '' };
const customer: Actor = { kind: 'customer', id: 'cust-1' };
const partner: Actor = { kind: 'partner', id: 'p-1' };
const rating = { stars: 4, tags: ['on_time' as const] };

describe('rating a booking', () => {
  it('lets the customer rate the partner and the partner rate the customer of a completed job', () => {
    expect(decideRating(completed, customer, rating, false)).toEqual({
      ok: true,
      events: [
        {
          type: 'booking.rated',
          data: { ...terms, partnerId: 'p-1', by: 'customer', stars: 4 },
        },
      ],
    });
    expect(decideRating(completed, partner, { stars: 2 }, false)).toMatchObject({
      ok: true,
      events: [{ data: { by: 'partner', stars: 2 } }],
    });
  });

  it('refuses a second rating, a job not completed, and anyone else', () => {
    expect(decideRating(completed, customer, rating, true)).toMatchObject({
      ok: false,
      code: 'JOB.ALREADY_RATED',
    });
    expect(decideRating(inProgress, customer, rating, false)).toMatchObject({
      ok: false,
      code: 'JOB.NOT_COMPLETED',
    });
    expect(decideRating(completed, { kind: 'customer', id: 'cust-2' }, rating, false)).toMatchObject({
      ok: false,
      code: 'BOOKING.NOT_FOUND',
    });
    expect(decideRating(completed, { kind: 'partner', id: 'p-2' }, rating, false)).toMatchObject({
      ok: false,
      code: 'DISPATCH.JOB_NOT_FOUND',
    });
  });
});
