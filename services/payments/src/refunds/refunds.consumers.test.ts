import { randomUUID } from 'node:crypto';
import type { EventData } from '@zefy/contracts';
import { createEvent, MalformedEventError } from '@zefy/platform';
import { describe, expect, it } from 'vitest';
import { refundAsksOfGrant } from './refunds.consumers.ts';

const grantOf = (parts: EventData<'booking.refund_granted'>['parts']) =>
  createEvent(
    'booking.refund_granted',
    {
      bookingId: randomUUID(),
      customerId: randomUUID(),
      hubId: randomUUID(),
      amountPaise: parts.reduce((sum, part) => sum + part.amountPaise, 0),
      reason: 'stain left',
      parts,
      grantedPaise: 1,
      refundablePaise: 0,
    },
    { actor: { kind: 'admin', id: 'a1' }, clock: { now: () => new Date() } },
  );

describe("the team's refund in part, as payments reads it", () => {
  it('asks one refund of each part, with the reason', () => {
    const first = randomUUID();
    const extra = randomUUID();
    expect(
      refundAsksOfGrant(
        grantOf([
          { paymentId: first, amountPaise: 50_000 },
          { paymentId: extra, amountPaise: 500 },
        ]),
      ),
    ).toEqual([
      { paymentId: first, amountPaise: 50_000, reason: 'booking.refund_granted: stain left' },
      { paymentId: extra, amountPaise: 500, reason: 'booking.refund_granted: stain left' },
    ]);
  });

  it('takes a part naming no payment of ours, or no money, for a broken event', () => {
    expect(() => refundAsksOfGrant(grantOf([{ paymentId: 'pay_x', amountPaise: 100 }]))).toThrow(
      MalformedEventError,
    );
    expect(() => refundAsksOfGrant(grantOf([{ paymentId: randomUUID(), amountPaise: 0 }]))).toThrow(
      MalformedEventError,
    );
  });
});
