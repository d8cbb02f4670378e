import type { Actor, EventData, EventEnvelope, EventType } from '@zefy/contracts';
import { eventMap } from '@zefy/contracts';
import { executionContext } from '../context.ts';
import type { Clock } from '../core/clock.ts';
import { newId } from '../core/ids.ts';

export type DomainEvent<T extends EventType = EventType> = EventEnvelope<T, EventData<T>>;

/** Builds an envelope carrying the current correlation id, and the handled event as its cause. */
export function createEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  options: { actor: Actor; clock: Clock },
): DomainEvent<T> {
  const context = executionContext.current();
  const id = newId();
  return {
    id,
    type,
    version: eventMap[type].version,
    occurredAt: options.clock.now().toISOString(),
    correlationId: context?.correlationId ?? id,
    causationId: context?.causationId ?? null,
    actor: options.actor,
    data,
  };
}

/** Narrows an envelope from the bus to a typed event. */
export const isEvent = <T extends EventType>(event: EventEnvelope, type: T): event is DomainEvent<T> =>
  event.type === type;
