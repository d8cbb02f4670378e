import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventEnvelope } from '@zefy/contracts';
import { type Channel, type ChannelModel, connect } from 'amqplib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventBus, EventHandlerContext, RetryPolicy } from './bus.ts';
import { createInProcessBus } from './in-process-bus.ts';
import { createRabbitMqBus, type RabbitMqEventBus } from './rabbitmq/rabbitmq-bus.ts';
import { groupQueueNames } from './rabbitmq/topology.ts';

interface AdapterUnderTest {
  name: string;
  open(): Promise<EventBus>;
}

const rabbitMqUrl = process.env.RABBITMQ_URL;
// Own exchange and queue names per run: parallel runs on one broker never see each other's messages.
const queuePrefix = `test-bus-${randomUUID().slice(0, 8)}`;
const exchange = `${queuePrefix}.events`;
const retry: RetryPolicy = { maxAttempts: 3, backoffMs: [20, 40] };
const eventually = { timeout: 5_000, interval: 5 };
const groupsUsed = new Set<string>();

const adapters: AdapterUnderTest[] = [
  { name: 'in-process', open: async () => createInProcessBus({ retry }) },
];
if (rabbitMqUrl) adapters.push({ name: 'RabbitMQ', open: () => openRabbitMqBus(rabbitMqUrl) });

function openRabbitMqBus(url: string): Promise<RabbitMqEventBus> {
  return createRabbitMqBus({ url, exchange, queuePrefix, retry });
}

function newGroup(role: string): string {
  const group = `${role}-${randomUUID().slice(0, 8)}`;
  groupsUsed.add(group);
  return group;
}

function envelope(type: string, data: unknown = {}): EventEnvelope {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: { kind: 'system', id: 'bus-contract-test' },
    data,
  };
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

afterAll(async () => {
  if (!rabbitMqUrl) return;
  const connection = await connect(rabbitMqUrl);
  const channel = await connection.createChannel();
  for (const group of groupsUsed) {
    const { main, deadLetter, retries } = groupQueueNames(queuePrefix, group, retry);
    for (const queue of [main, deadLetter, ...retries.map((step) => step.queue)])
      await channel.deleteQueue(queue);
  }
  await channel.deleteExchange(exchange);
  await connection.close();
});

for (const adapter of adapters) {
  describe(`${adapter.name} event bus`, () => {
    const openBuses: EventBus[] = [];

    async function openBus(): Promise<EventBus> {
      const bus = await adapter.open();
      openBuses.push(bus);
      return bus;
    }

    afterEach(async () => {
      await Promise.all(openBuses.splice(0).map((bus) => bus.close()));
    });

    it('delivers each event to every group subscribed to its type, and nothing else', async () => {
      const bus = await openBus();
      const billing = newGroup('billing');
      const notifications = newGroup('notifications');
      const billingReceived: EventEnvelope[] = [];
      const notificationsReceived: EventEnvelope[] = [];
      await bus.subscribe({
        group: billing,
        eventTypes: ['booking.confirmed'],
        handler: async (event) => {
          billingReceived.push(event);
        },
      });
      await bus.subscribe({
        group: notifications,
        eventTypes: ['booking.confirmed', 'booking.cancelled'],
        handler: async (event) => {
          notificationsReceived.push(event);
        },
      });

      const unrelated = envelope('payment.captured');
      const cancelled = envelope('booking.cancelled');
      const confirmed = envelope('booking.confirmed', {
        bookingId: 'b-1',
        amount: { value: 49900, currency: 'INR' },
      });
      // Published last, so once it arrived everything routed before it has arrived too.
      for (const event of [unrelated, cancelled, confirmed]) await bus.publish(event);

      await vi.waitFor(() => {
        expect(billingReceived).toHaveLength(1);
        expect(notificationsReceived).toHaveLength(2);
      }, eventually);
      expect(billingReceived).toEqual([confirmed]);
      expect(sorted(notificationsReceived.map((event) => event.id))).toEqual(
        sorted([confirmed.id, cancelled.id]),
      );
    });

    it('shares a group between its subscribers, handling every event exactly once', async () => {
      const bus = await openBus();
      const group = newGroup('dispatch');
      const handlersByEvent = new Map<string, string[]>();
      const subscribeInstance = (instance: string) =>
        bus.subscribe({
          group,
          eventTypes: ['booking.requested'],
          handler: async (event) => {
            await sleep(2);
            handlersByEvent.set(event.id, [...(handlersByEvent.get(event.id) ?? []), instance]);
          },
        });
      await subscribeInstance('first');
      await subscribeInstance('second');

      const events = Array.from({ length: 50 }, () => envelope('booking.requested'));
      await Promise.all(events.map((event) => bus.publish(event)));

      await vi.waitFor(() => expect(handlersByEvent.size).toBe(events.length), eventually);
      await sleep(100);
      expect(sorted([...handlersByEvent.keys()])).toEqual(sorted(events.map((event) => event.id)));
      const handlers = [...handlersByEvent.values()];
      expect(handlers.every((instances) => instances.length === 1)).toBe(true);
      expect(handlers.filter(([instance]) => instance === 'first').length).toBeGreaterThan(0);
      expect(handlers.filter(([instance]) => instance === 'second').length).toBeGreaterThan(0);
    });

    it('runs handlers asynchronously, never inside publish', async () => {
      const bus = await openBus();
      const group = newGroup('search');
      let isHandled = false;
      await bus.subscribe({
        group,
        eventTypes: ['partner.approved'],
        handler: async () => {
          isHandled = true;
        },
      });

      const publishing = bus.publish(envelope('partner.approved'));
      expect(isHandled).toBe(false);
      await publishing;
      await vi.waitFor(() => expect(isHandled).toBe(true), eventually);
    });

    it('redelivers an event after the backoff when its handler throws, counting attempts', async () => {
      const bus = await openBus();
      const group = newGroup('payouts');
      const deliveries: Array<EventHandlerContext & { at: number }> = [];
      await bus.subscribe({
        group,
        eventTypes: ['payment.captured'],
        handler: async (_event, context) => {
          deliveries.push({ ...context, at: Date.now() });
          if (context.attempt === 1) throw new Error('ledger briefly unavailable');
        },
      });

      await bus.publish(envelope('payment.captured'));

      await vi.waitFor(() => expect(deliveries).toHaveLength(2), eventually);
      expect(deliveries.map(({ attempt, redelivered }) => ({ attempt, redelivered }))).toEqual([
        { attempt: 1, redelivered: false },
        { attempt: 2, redelivered: true },
      ]);
      // Timers may fire a millisecond early.
      expect(deliveries[1]!.at - deliveries[0]!.at).toBeGreaterThanOrEqual(retry.backoffMs[0]! - 2);
      await sleep(100);
      expect(deliveries).toHaveLength(2);
    });

    it('dead-letters an event after its last attempt and replays it on demand', async () => {
      const bus = await openBus();
      const group = newGroup('invoices');
      const deliveries: EventHandlerContext[] = [];
      let isProviderUp = false;
      await bus.subscribe({
        group,
        eventTypes: ['booking.completed'],
        handler: async (event, context) => {
          deliveries.push(context);
          if (!isProviderUp) throw new Error(`invoice provider down for ${event.id}`);
        },
      });
      const event = envelope('booking.completed', { bookingId: 'b-7' });

      await bus.publish(event);

      await vi.waitFor(async () => expect(await bus.deadLetters(group)).toHaveLength(1), eventually);
      const [deadLetter] = await bus.deadLetters(group);
      expect(deadLetter).toMatchObject({ id: event.id, group, event, attempts: retry.maxAttempts });
      expect(deadLetter!.error).toContain(`invoice provider down for ${event.id}`);
      expect(Number.isNaN(Date.parse(deadLetter!.deadAt))).toBe(false);
      expect(deliveries.map((context) => context.attempt)).toEqual([1, 2, 3]);
      expect(await bus.deadLetters(group)).toHaveLength(1);
      expect(await bus.deadLetters(newGroup('never-subscribed'))).toEqual([]);

      isProviderUp = true;
      expect(await bus.replayDeadLetter(group, randomUUID())).toBe(false);
      expect(await bus.replayDeadLetter(group, event.id)).toBe(true);

      await vi.waitFor(() => expect(deliveries).toHaveLength(4), eventually);
      expect(deliveries[3]).toEqual({ attempt: 1, redelivered: true });
      expect(await bus.deadLetters(group)).toEqual([]);
      expect(await bus.replayDeadLetter(group, event.id)).toBe(false);
    });

    it('keeps retrying past the last attempt while the handler loses deadlocks, never dead-lettering', async () => {
      const bus = await openBus();
      const group = newGroup('ledger');
      const attempts: number[] = [];
      await bus.subscribe({
        group,
        eventTypes: ['payment.captured'],
        handler: async (_event, context) => {
          attempts.push(context.attempt);
          if (context.attempt <= retry.maxAttempts + 1)
            throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
        },
      });

      await bus.publish(envelope('payment.captured'));

      await vi.waitFor(() => expect(attempts).toHaveLength(retry.maxAttempts + 2), eventually);
      expect(attempts).toEqual([1, 2, 3, 4, 5]);
      await sleep(100);
      expect(await bus.deadLetters(group)).toEqual([]);
      expect(attempts).toHaveLength(retry.maxAttempts + 2);
    });

    it("keeps events published while a group's only consumer is stopped, and delivers them on resubscribe", async () => {
      const bus = await openBus();
      const group = newGroup('ratings');
      const stop = await bus.subscribe({ group, eventTypes: ['booking.completed'], handler: async () => {} });
      await stop();

      const events = Array.from({ length: 5 }, () => envelope('booking.completed'));
      for (const event of events) await bus.publish(event);
      const received: string[] = [];
      await bus.subscribe({
        group,
        eventTypes: ['booking.completed'],
        handler: async (event) => {
          received.push(event.id);
        },
      });

      await vi.waitFor(() => expect(received).toHaveLength(events.length), eventually);
      expect(sorted(received)).toEqual(sorted(events.map((event) => event.id)));
    });

    it('waits for in-flight handlers when closing', async () => {
      const bus = await openBus();
      const group = newGroup('reports');
      let isStarted = false;
      let isFinished = false;
      await bus.subscribe({
        group,
        eventTypes: ['booking.completed'],
        handler: async () => {
          isStarted = true;
          await sleep(100);
          isFinished = true;
        },
      });

      await bus.publish(envelope('booking.completed'));
      await vi.waitFor(() => expect(isStarted).toBe(true), eventually);
      await bus.close();

      expect(isFinished).toBe(true);
      expect(bus.isHealthy()).toBe(false);
    });
  });
}

if (rabbitMqUrl) describeBrokerSpecifics(rabbitMqUrl);

function describeBrokerSpecifics(url: string): void {
  describe('RabbitMQ event bus, broker specifics', () => {
    let admin: ChannelModel;
    let adminChannel: Channel;
    const openBuses: EventBus[] = [];

    async function openBus(): Promise<RabbitMqEventBus> {
      const bus = await openRabbitMqBus(url);
      openBuses.push(bus);
      return bus;
    }

    beforeAll(async () => {
      admin = await connect(url);
      adminChannel = await admin.createChannel();
    });

    afterEach(async () => {
      await Promise.all(openBuses.splice(0).map((bus) => bus.close()));
    });

    afterAll(async () => {
      await admin.close();
    });

    it('resolves publish only once the broker holds the event in the group queue', async () => {
      const bus = await openBus();
      const group = newGroup('audit');
      const stop = await bus.subscribe({ group, eventTypes: ['offer.accepted'], handler: async () => {} });
      await stop();
      const { main } = groupQueueNames(queuePrefix, group, retry);

      for (let published = 1; published <= 10; published++) {
        await bus.publish(envelope('offer.accepted'));
        expect((await adminChannel.checkQueue(main)).messageCount).toBe(published);
      }
    });

    it('reconnects after the connection drops, holding publishes until then, and resumes consuming', async () => {
      const bus = await openBus();
      const group = newGroup('tracking');
      const received: string[] = [];
      await bus.subscribe({
        group,
        eventTypes: ['job.started'],
        handler: async (event) => {
          received.push(event.id);
        },
      });
      const beforeDrop = envelope('job.started');
      await bus.publish(beforeDrop);
      await vi.waitFor(() => expect(received).toEqual([beforeDrop.id]), eventually);

      bus.simulateConnectionLoss();
      await vi.waitFor(() => expect(bus.isHealthy()).toBe(false), { timeout: 1_000, interval: 1 });
      const whileDown = envelope('job.started');
      await bus.publish(whileDown);
      expect(bus.isHealthy()).toBe(true);

      const afterReconnect = envelope('job.started');
      await bus.publish(afterReconnect);
      // The drop may swallow the ack of beforeDrop, which then comes again: at-least-once allows that.
      await vi.waitFor(
        () =>
          expect(sorted([...new Set(received)])).toEqual(
            sorted([beforeDrop.id, whileDown.id, afterReconnect.id]),
          ),
        eventually,
      );
    });

    it('redelivers an event whose handler was still running when the connection dropped', async () => {
      const bus = await openBus();
      const group = newGroup('chat');
      const deliveries: EventHandlerContext[] = [];
      await bus.subscribe({
        group,
        eventTypes: ['job.completed'],
        handler: async (_event, context) => {
          deliveries.push(context);
          // The first run outlives its channel, so its ack cannot reach the broker.
          if (deliveries.length === 1) await sleep(200);
        },
      });
      await bus.publish(envelope('job.completed'));
      await vi.waitFor(() => expect(deliveries).toHaveLength(1), eventually);

      bus.simulateConnectionLoss();

      await vi.waitFor(() => expect(deliveries).toHaveLength(2), eventually);
      expect(deliveries[1]).toEqual({ attempt: 1, redelivered: true });
      await sleep(300);
      expect(deliveries).toHaveLength(2);
    });
  });
}
