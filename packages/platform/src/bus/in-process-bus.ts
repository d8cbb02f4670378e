import type { Logger } from 'pino';
import {
  type DeadLetter,
  defaultRetryPolicy,
  type EventBus,
  type EventHandler,
  type RetryPolicy,
  type Subscription,
} from './bus.ts';
import { errorMessage, isDeadLetter, retryDelayMs } from './retry.ts';

export interface InProcessBusOptions {
  retry?: RetryPolicy;
  logger?: Logger;
}

/** Like a broker's prefetch: how many events one subscription handles at once. */
const maxInFlightPerSubscription = 10;

interface QueuedEvent {
  id: string;
  /** Serialised once at publish, parsed per delivery, so handlers get private copies as over the wire. */
  payload: string;
  attempt: number;
  redelivered: boolean;
}

interface Member {
  handler: EventHandler;
  inFlight: Set<Promise<void>>;
  isStopped: boolean;
}

/** The in-memory counterpart of a durable queue: it outlives its members. */
interface Group {
  name: string;
  eventTypes: Set<string>;
  queue: QueuedEvent[];
  members: Member[];
  nextMember: number;
  isDispatchScheduled: boolean;
  deadLetters: DeadLetter[];
}

/**
 * The embedded-mode bus, with the RabbitMQ adapter's semantics: at-least-once, one queue per consumer group,
 * competing members, retries with backoff, then dead letters. Nothing survives the process.
 */
export function createInProcessBus(options: InProcessBusOptions = {}): EventBus {
  const retry = options.retry ?? defaultRetryPolicy;
  const logger = options.logger;
  const groups = new Map<string, Group>();
  const retryTimers = new Set<NodeJS.Timeout>();
  let isClosed = false;

  function groupNamed(name: string): Group {
    let group = groups.get(name);
    if (!group) {
      group = {
        name,
        eventTypes: new Set(),
        queue: [],
        members: [],
        nextMember: 0,
        isDispatchScheduled: false,
        deadLetters: [],
      };
      groups.set(name, group);
    }
    return group;
  }

  function enqueue(group: Group, queued: QueuedEvent): void {
    group.queue.push(queued);
    scheduleDispatch(group);
  }

  // Handlers never run in the publisher's call stack, as with a broker.
  function scheduleDispatch(group: Group): void {
    if (group.isDispatchScheduled) return;
    group.isDispatchScheduled = true;
    setImmediate(() => {
      group.isDispatchScheduled = false;
      dispatch(group);
    });
  }

  function dispatch(group: Group): void {
    while (group.queue.length > 0) {
      const member = nextAvailableMember(group);
      if (!member) return;
      const queued = group.queue.shift()!;
      const delivery = deliver(group, member, queued);
      member.inFlight.add(delivery);
      void delivery.then(() => {
        member.inFlight.delete(delivery);
        dispatch(group);
      });
    }
  }

  function nextAvailableMember(group: Group): Member | undefined {
    const count = group.members.length;
    for (let offset = 0; offset < count; offset++) {
      const index = (group.nextMember + offset) % count;
      const member = group.members[index]!;
      if (member.inFlight.size < maxInFlightPerSubscription) {
        group.nextMember = (index + 1) % count;
        return member;
      }
    }
    return undefined;
  }

  async function deliver(group: Group, member: Member, queued: QueuedEvent): Promise<void> {
    try {
      await member.handler(JSON.parse(queued.payload), {
        attempt: queued.attempt,
        redelivered: queued.redelivered,
      });
    } catch (error) {
      handleFailure(group, queued, error);
    }
  }

  function handleFailure(group: Group, queued: QueuedEvent, error: unknown): void {
    const log = { group: group.name, eventId: queued.id, attempt: queued.attempt, err: error };
    if (isDeadLetter(retry, queued.attempt, error)) {
      group.deadLetters.push({
        id: queued.id,
        group: group.name,
        event: JSON.parse(queued.payload),
        error: errorMessage(error),
        attempts: queued.attempt,
        deadAt: new Date().toISOString(),
      });
      logger?.error(log, 'event handler failed for the last time; event dead-lettered');
      return;
    }
    if (isClosed) {
      logger?.warn(log, 'event handler failed after the bus closed; retry dropped');
      return;
    }
    const delayMs = retryDelayMs(retry, queued.attempt);
    logger?.warn({ ...log, delayMs }, 'event handler failed; retry scheduled');
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      enqueue(group, { ...queued, attempt: queued.attempt + 1, redelivered: true });
    }, delayMs);
    retryTimers.add(timer);
  }

  async function stopMember(group: Group, member: Member): Promise<void> {
    if (member.isStopped) return;
    member.isStopped = true;
    group.members = group.members.filter((other) => other !== member);
    await Promise.all(member.inFlight);
  }

  return {
    async publish(event) {
      if (isClosed) throw new Error('Event bus is closed');
      const payload = JSON.stringify(event);
      for (const group of groups.values()) {
        if (group.eventTypes.has(event.type))
          enqueue(group, { id: event.id, payload, attempt: 1, redelivered: false });
      }
    },

    async subscribe(subscription: Subscription) {
      if (isClosed) throw new Error('Event bus is closed');
      const group = groupNamed(subscription.group);
      for (const type of subscription.eventTypes) group.eventTypes.add(type);
      const member: Member = { handler: subscription.handler, inFlight: new Set(), isStopped: false };
      group.members.push(member);
      scheduleDispatch(group);
      return () => stopMember(group, member);
    },

    async deadLetters(group) {
      return structuredClone(groups.get(group)?.deadLetters ?? []);
    },

    async replayDeadLetter(groupName, id) {
      const group = groups.get(groupName);
      const index = group?.deadLetters.findIndex((deadLetter) => deadLetter.id === id) ?? -1;
      if (!group || index < 0) return false;
      const [deadLetter] = group.deadLetters.splice(index, 1);
      enqueue(group, { id, payload: JSON.stringify(deadLetter!.event), attempt: 1, redelivered: true });
      return true;
    },

    isHealthy() {
      return !isClosed;
    },

    async close() {
      if (isClosed) return;
      isClosed = true;
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
      await Promise.all(
        [...groups.values()].flatMap((group) => group.members.map((member) => stopMember(group, member))),
      );
    },
  };
}
