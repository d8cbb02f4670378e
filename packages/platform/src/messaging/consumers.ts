import { type EventData, type EventEnvelope, type EventType, eventMap } from '@zefy/contracts';
import { Compile, type Validator } from 'typebox/compile';
import Value from 'typebox/value';
import type { Subscription } from '../bus/bus.ts';
import type { Cache } from '../cache/cache.ts';
import type { Database, Transaction } from '../db/database.ts';
import type { DomainEvent } from './events.ts';
import { handleOnce } from './inbox.ts';
import { eventMessage, type RealtimePublisher } from './realtime.ts';

/**
 * Work a handler leaves for after its transaction commits: a call to another system that must find the
 * committed rows (payments sends a refund it just recorded). It runs once, after the first delivery's commit;
 * if it fails, the event is retried but the effect is not, so it must be safe to leave to a later sweep.
 */
export type AfterCommit = () => Promise<unknown>;

/** A handler's effect is done when it resolves; it may leave an `AfterCommit`. */
type Handled = Promise<void> | Promise<AfterCommit | undefined>;

export type EventHandlers = {
  [T in EventType]?: (data: EventData<T>, tx: Transaction, event: DomainEvent<T>) => Handled;
};

/** An event whose data does not match its contract: retried, then dead-lettered for someone to look at. */
export class MalformedEventError extends Error {
  override name = 'MalformedEventError';
}

/**
 * Checks an event against its contract: its version, and its data as a tolerant reader (fields added by a
 * newer producer pass), typed by the event map from here on.
 */
// compiled once per type on first use: interpreted, checking a wave of a thousand offers took tens of ms, in
// every consumer group of the event
const dataValidators = new Map<EventType, Validator>();
function dataValidatorOf(type: EventType): Validator {
  let validator = dataValidators.get(type);
  if (!validator) {
    validator = Compile(eventMap[type].data);
    dataValidators.set(type, validator);
  }
  return validator;
}

export function readEvent<T extends EventType>(event: EventEnvelope, type: T): DomainEvent<T> {
  const contract = eventMap[type];
  if (event.type !== type || event.version !== contract.version || !dataValidatorOf(type).Check(event.data)) {
    const [issue] = Value.Errors(contract.data, event.data);
    throw new MalformedEventError(
      `${event.type} v${event.version} ${event.id} does not match its v${contract.version} contract${issue ? `: ${issue.instancePath} ${issue.message}` : ''}`,
    );
  }
  return event as DomainEvent<T>;
}

/**
 * A service's consumer group: one handler per event type, each run at most once per event (inbox row and
 * effect in the handler's transaction), with the event's data checked against the contract first. A handler
 * may return an `AfterCommit`.
 */
export function onEvents(db: Database, group: string, handlers: EventHandlers): Subscription {
  const handle = handlers as Record<string, (data: unknown, tx: Transaction, event: DomainEvent) => Handled>;
  return {
    group,
    eventTypes: Object.keys(handlers),
    async handler(envelope) {
      const handler = handle[envelope.type];
      if (!handler) return;
      const event = readEvent(envelope, envelope.type as EventType);
      let afterCommit: AfterCommit | undefined;
      await handleOnce(db, group, event, async (tx) => {
        afterCommit = (await handler(event.data, tx, event)) ?? undefined;
      });
      await afterCommit?.();
    },
  };
}

/**
 * Where an event is pushed: a channel, or a channel with its own slice of the event's data (each partner
 * sees only their own offer of a wave).
 */
export type PushTarget<T extends EventType> = string | { channel: string; data: EventData<T> };

export type PushRoutes = {
  [T in EventType]?: (data: EventData<T>) => readonly PushTarget<T>[];
};

/**
 * How long an event's push mark is kept: it only has to outlive the bus's redeliveries of the event (the
 * default policy's retries span about 2.5 minutes, a crashed consumer's delivery comes back at once); an
 * hour is well past them, without a day's marks of every offer and state change held in the cache. A dead
 * letter replayed after that is pushed again.
 */
export const pushedMarkTtlMs = 3600_000;

/**
 * Pushes committed events to the WebSocket channels `routes` names for each type, once per event (the bus
 * delivers at least once). Fed from the outbox, so nothing is pushed for a transaction that rolled back.
 * A push is at most once by design (clients catch up after a reconnect), so its once-only mark lives in the
 * cache, not in a database transaction on the way of every offer and every state change.
 */
export function pushEvents(
  deps: { cache: Cache; realtime: RealtimePublisher },
  group: string,
  routes: PushRoutes,
): Subscription {
  const targetsOf = routes as Record<string, (data: unknown) => readonly PushTarget<EventType>[]>;
  return {
    group,
    eventTypes: Object.keys(routes),
    async handler(envelope) {
      const type = envelope.type as EventType;
      const event = readEvent(envelope, type);
      const isFirstDelivery = await deps.cache.setIfAbsent(
        `pushed:${group}:${event.id}`,
        '1',
        pushedMarkTtlMs,
      );
      if (!isFirstDelivery) return;
      await deps.realtime.publishEach(
        (targetsOf[type]?.(event.data) ?? []).map((target) =>
          typeof target === 'string'
            ? { channel: target, message: eventMessage(target, event) }
            : {
                channel: target.channel,
                message: eventMessage(target.channel, { ...event, data: target.data }),
              },
        ),
      );
    },
  };
}
