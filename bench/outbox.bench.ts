import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  appendToOutbox,
  connectDatabase,
  createEvent,
  createInProcessBus,
  createLogger,
  createRabbitMqBus,
  type Database,
  handleOnce,
  migrate,
  startOutboxRelay,
  systemClock,
} from '@zefy/platform';
import amqp from 'amqplib';
import type { Logger } from 'pino';
import { deleteRabbitNamespace } from '../test/support/rabbitmq.ts';
import { rawSchema } from './raw-sql.ts';
import type { Scenario } from './results.ts';
import type { BenchOutcome } from './run.ts';
import { type Summary, summarize } from './stats.ts';
import { benchDatabase } from './support.ts';

const events = Number(process.env.BENCH_OUTBOX_EVENTS ?? 3000);
const writers = 10;

const serviceCreated = (i: number) =>
  createEvent(
    'catalog.service_created',
    { serviceId: String(i), name: `s${i}`, category: 'bench', basePricePaise: i },
    { actor: { kind: 'system', id: 'bench' }, clock: systemClock },
  );

/** `writers` loops over `count` transactions; each one's latency. */
async function writeAll(count: number, write: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = writer; i < count; i += writers) {
        const sent = performance.now();
        await write(i);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}

/** Values recorded as `count` things arrive, and `all` settling once every one has. */
function arrivals(count: number) {
  const values: number[] = [];
  let settle: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return {
    values,
    all,
    arrived(value: number) {
      values.push(value);
      if (values.length === count) settle();
    },
  };
}

const rabbitUrl = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
/** The relay's batch: the raw publisher waits for confirms as often. */
const relayBatch = 100;

/** Whether the broker answers; the RabbitMQ scenario is left out when it does not. */
async function rabbitReachable(): Promise<boolean> {
  try {
    await (await amqp.connect(rabbitUrl, { timeout: 1000 })).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * `events` already in the outbox, drained by the relay to RabbitMQ (confirmed, persistent, a quorum queue)
 * and consumed: throughput is events delivered per second, latency from the relay's start to each delivery.
 */
async function relayToRabbitMq(db: Database, logger: Logger): Promise<Summary> {
  const namespace = `bench${randomUUID().slice(0, 8)}`;
  const bus = await createRabbitMqBus({
    url: rabbitUrl,
    exchange: `${namespace}.events`,
    queuePrefix: namespace,
  });
  try {
    const delivered = arrivals(events);
    await bus.subscribe({
      group: 'bench',
      eventTypes: ['catalog.service_created'],
      handler: async () => delivered.arrived(performance.now()),
    });
    for (let start = 0; start < events; start += relayBatch)
      await db.transaction((tx) =>
        appendToOutbox(
          tx,
          Array.from({ length: Math.min(relayBatch, events - start) }, (_, i) => serviceCreated(start + i)),
        ),
      );
    const started = performance.now();
    const relay = startOutboxRelay({ db, bus, logger, batchSize: relayBatch });
    await delivered.all;
    const elapsedMs = performance.now() - started;
    await relay.stop();
    return summarize(
      delivered.values.map((at) => at - started),
      elapsedMs,
    );
  } finally {
    await bus.close();
    await deleteRabbitNamespace(rabbitUrl, namespace, ['bench']);
  }
}

/**
 * The same envelopes published straight with amqplib on a confirm channel to a topic exchange bound to a
 * quorum queue, confirms awaited every `relayBatch`, and consumed: the broker's ceiling on this machine.
 */
async function rawConfirmedPublish(): Promise<Summary> {
  const name = `bench${randomUUID().slice(0, 8)}`;
  const connection = await amqp.connect(rabbitUrl);
  try {
    const channel = await connection.createConfirmChannel();
    await channel.assertExchange(name, 'topic', { durable: true });
    await channel.assertQueue(name, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(name, name, 'catalog.service_created');
    const consumer = await connection.createChannel();
    await consumer.prefetch(20);
    const delivered = arrivals(events);
    await consumer.consume(name, (message) => {
      if (!message) return;
      consumer.ack(message);
      delivered.arrived(performance.now());
    });
    const envelopes = Array.from({ length: events }, (_, i) => serviceCreated(i));
    const started = performance.now();
    for (const [i, event] of envelopes.entries()) {
      channel.publish(name, event.type, Buffer.from(JSON.stringify(event)), {
        persistent: true,
        contentType: 'application/json',
        messageId: event.id,
      });
      if ((i + 1) % relayBatch === 0) await channel.waitForConfirms();
    }
    await channel.waitForConfirms();
    await delivered.all;
    const elapsedMs = performance.now() - started;
    await channel.deleteQueue(name);
    await channel.deleteExchange(name);
    return summarize(
      delivered.values.map((at) => at - started),
      elapsedMs,
    );
  } finally {
    await connection.close();
  }
}

/**
 * An event per transaction through the platform's outbox (appendToOutbox in db.transaction), relayed to a
 * consumer that dedupes through its inbox, against the same envelopes INSERTed in plain transactions. The
 * writers are the load; there is no HTTP here.
 */
export async function run(): Promise<BenchOutcome> {
  const database = await benchDatabase();
  const noMigrations = await mkdtemp(path.join(tmpdir(), 'zefy-bench-migrations-'));
  const logger = createLogger({ level: 'silent' });
  const db = connectDatabase({ url: database.url, schema: 'bench', max: writers });
  const raw = await rawSchema(database.url, writers);
  try {
    await migrate(db, noMigrations);
    const bus = createInProcessBus({ logger });
    const handled = arrivals(events);
    await bus.subscribe({
      group: 'bench',
      eventTypes: ['catalog.service_created'],
      handler: async (event) => {
        await handleOnce(db, 'bench', event, async () => undefined);
        handled.arrived(Date.now() - Date.parse(event.occurredAt));
      },
    });
    const relay = startOutboxRelay({ db, bus, logger });
    const platform = await writeAll(events, (i) =>
      db.transaction((tx) => appendToOutbox(tx, [serviceCreated(i)])),
    );
    await handled.all;
    const endToEndMs = Math.max(...handled.values);
    await relay.stop();
    await bus.close();

    const baseline = await writeAll(events, async (i) => {
      const event = serviceCreated(i);
      const client = await raw.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO outbox (id, type, envelope) VALUES ($1, $2, $3)', [
          event.id,
          event.type,
          JSON.stringify(event),
        ]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    const scenarios: Scenario[] = [
      {
        label: `commit: event through the outbox (${writers} writers)`,
        platform: summarize(platform.latencies, platform.elapsedMs),
        baseline: {
          label: 'INSERT of the same envelope',
          ...summarize(baseline.latencies, baseline.elapsedMs),
        },
      },
    ];
    const rabbit = await rabbitReachable();
    if (rabbit)
      scenarios.push({
        label: `outbox → relay → RabbitMQ → consumer, ${events} events`,
        platform: await relayToRabbitMq(db, logger),
        baseline: { label: 'amqplib confirm-channel publish → consumer', ...(await rawConfirmedPublish()) },
      });
    return {
      scenarios,
      settings: {
        events,
        writers,
        rabbitMq: rabbit
          ? `${new URL(rabbitUrl).host}, quorum queues, confirms every ${relayBatch}`
          : 'unreachable: not run',
        commitToHandledMs: summarize(handled.values, endToEndMs),
        note: 'commitToHandledMs: commit → relay → in-process bus → inbox-deduped consumer, per event',
      },
    };
  } finally {
    await raw.close();
    await db.close();
    await database.close();
    await rm(noMigrations, { recursive: true, force: true });
  }
}
