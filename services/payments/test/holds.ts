import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@zefy/contracts';
import { createEvent, type DomainEvent } from '@zefy/platform';

/** Any booking event, as the booking service would publish it (payments reads a few fields of each). */
export const bookingEvent = (type: string, data: unknown): EventEnvelope => ({
  id: randomUUID(),
  type,
  version: 1,
  occurredAt: new Date().toISOString(),
  correlationId: randomUUID(),
  causationId: null,
  actor: { kind: 'system', id: 'booking' },
  data,
});

/**
 * `booking.held` as the booking service publishes it, for a hold of `amountPaise` no booking service
 * placed: how tests and benchmarks of payments without booking tell payments what a customer may pay for.
 */
export function heldEvent(hold: {
  customerId: string;
  amountPaise: number;
  expiresAt: Date;
  holdId?: string;
}): DomainEvent<'booking.held'> {
  const startsAt = new Date(hold.expiresAt.getTime() + 3600_000);
  return createEvent(
    'booking.held',
    {
      bookingId: hold.holdId ?? randomUUID(),
      customerId: hold.customerId,
      hubId: randomUUID(),
      serviceId: randomUUID(),
      serviceName: 'Bathroom cleaning',
      addressId: randomUUID(),
      partnerId: randomUUID(),
      window: {
        kind: 'slot',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
      },
      price: {
        basePaise: hold.amountPaise,
        extraBlocks: 0,
        extraPaise: 0,
        pretaxPaise: hold.amountPaise,
        taxRateBasisPoints: 0,
        taxPaise: 0,
        totalPaise: hold.amountPaise,
      },
      amountPaise: hold.amountPaise,
      currency: 'INR',
      expiresAt: hold.expiresAt.toISOString(),
    },
    { actor: { kind: 'system', id: 'booking' }, clock: { now: () => new Date() } },
  );
}
