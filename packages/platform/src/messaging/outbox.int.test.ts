import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventEnvelope } from '@zefy/contracts';
import amqp from 'amqplib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventBus } from '../bus/bus.ts';
import { createInProcessBus } from '../bus/in-process-bus.ts';
import { createRabbitMqBus } from '../bus/rabbitmq/rabbitmq-bus.ts';
import { groupQueueNames } from '../bus/rabbitmq/topology.ts';
import { ManualClock } from '../core/clock.ts';
import { connectDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, type TestDatabase, uniqueName } from '../testing/index.ts';
import { createEvent } from './events.ts';
import { handleOnce } from './inbox.ts';
import { appendToOutbox, appendToOutboxWith, startOutboxRelay } from './outbox.ts';

const logger = pino({ level: 'silent' });
const retry = { maxAttempts: 3, backoffMs: [20] };
const rabbitPrefixes: string[] = [];
const adapters: Array<{ name: string; create: () => Promise<EventBus> }> = [
  { name: 'in-process', create: async () => createInProcessBus({ retry, logger }) },
];
const rabbitUrl = process.env.RABBITMQ_URL;
if (rabbitUrl) {
  adapters.push({
    name: 'rabbitmq',
    create: () => {
      const prefix = uniqueName('test-outbox-');
      rabbitPrefixes.push(prefix);
      return createRabbitMqBus({
        url: rabbitUrl,
        exchange: `${prefix}.events`,
        queuePrefix: prefix,
        retry,
        logger,
      });
    },
  });
}

let database: TestDatabase;
let noMigrations: string;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  noMigrations = await mkdtemp(path.join(tmpdir(), 'zefy-no-migrations-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(noMigrations, { recursive: true, force: true });
  if (!rabbitUrl) return;
  const connection = await amqp.connect(rabbitUrl);
  const channel = await connection.createChannel();
  for (const prefix of rabbitPrefixes) {
    for (const group of ['committed', 'wakes', 'companion', 'relays', 'effects']) {
      const names = groupQueueNames(prefix, group, retry);
      for (const queue of [names.main, names.deadLetter, ...names.retries.map((r) => r.queue)])
        await channel.deleteQueue(queue);
    }
    await channel.deleteExchange(`${prefix}.events`);
  }
  await connection.close();
});

const clock = new ManualClock();
const newEvent = (name: string) =>
  createEvent(
    'catalog.service_created',
    { serviceId: name, name, category: 'cleaning', basePricePaise: 100 },
    {
      actor: { kind: 'system', id: 'test' },
      clock,
    },
  );

async function setUp(schema: string): Promise<Database> {
  const db = connectDatabase({ url: database.url, schema, max: 6 });
  await migrate(db, noMigrations);
  await db.pool.query('CREATE TABLE effects (name text PRIMARY KEY, times integer NOT NULL)');
  return db;
}

function collect(bus: EventBus, group: string) {
  const received: EventEnvelope[] = [];
  const started = bus.subscribe({
    group,
    eventTypes: ['catalog.service_created'],
    handler: async (event) => {
      received.push(event);
    },
  });
  return { received, started };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once a relay's listener is connected: PostgreSQL has seen its LISTEN on the schema's channel. */
const relayListening = (db: Database, schema: string) =>
  until(async () => {
    const { rows } = await db.pool.query<{ listening: number }>(
      `SELECT count(*)::int AS listening FROM pg_stat_activity
       WHERE datname = current_database() AND query = $1`,
      [`LISTEN zefy_outbox_${schema}`],
    );
    return rows[0]?.listening === 1;
  });

describe.each(adapters)('outbox and inbox over the $name bus', ({ name, create }) => {
  it('publishes events whose transaction committed, never those rolled back', async () => {
    const db = await setUp(`committed_${name.replace('-', '_')}`);
    const bus = await create();
    const { received, started } = collect(bus, 'committed');
    await started;
    const kept = newEvent('kept');
    await db.transaction((tx) => appendToOutbox(tx, [kept]));
    await expect(
      db.transaction(async (tx) => {
        await appendToOutbox(tx, [newEvent('dropped')]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const relay = startOutboxRelay({ db, bus, logger, pollIntervalMs: 50 });
    await until(() => received.length >= 1);
    await relay.flush();
    expect(received.map((event) => event.id)).toEqual([kept.id]);
    expect(received[0]).toEqual(kept);
    expect(await relay.lagMs()).toBe(0);
    await relay.stop();
    await bus.close();
    await db.close();
  });

  it('wakes on commit: a relay that would poll once an hour publishes the committed events', async () => {
    const db = await setUp(`wakes_${name.replace('-', '_')}`);
    const bus = await create();
    const { received, started } = collect(bus, 'wakes');
    await started;
    const relay = startOutboxRelay({ db, bus, logger, pollIntervalMs: 3600_000 });
    // its listener is connected once PostgreSQL has seen its LISTEN
    await relayListening(db, `wakes_${name.replace('-', '_')}`);
    const events = [newEvent('first'), newEvent('second')];
    await db.transaction((tx) => appendToOutbox(tx, events));
    await until(() => received.length >= 2);
    expect(received.map((event) => event.id)).toEqual(events.map((event) => event.id));
    await relay.stop();
    await bus.close();
    await db.close();
  });

  it("appends events in the statement of the caller's own writes, and wakes the relay on commit", async () => {
    const db = await setUp(`companion_${name.replace('-', '_')}`);
    const bus = await create();
    const { received, started } = collect(bus, 'companion');
    await started;
    const relay = startOutboxRelay({ db, bus, logger, pollIntervalMs: 3600_000 });
    await relayListening(db, `companion_${name.replace('-', '_')}`);
    const write = (effect: string) => ({
      ctes: 'written AS (INSERT INTO effects (name, times) VALUES ($1, $2) RETURNING times)',
      params: [effect, 3],
      answer: '(SELECT times FROM written) AS times',
    });
    const events = [newEvent('with-companion')];
    const answered = await db.transaction((tx) =>
      appendToOutboxWith<{ times: number }>(tx, events, write('painted')),
    );
    const quiet = await db.transaction((tx) => appendToOutboxWith<{ times: number }>(tx, [], write('quiet')));
    expect([answered.times, quiet.times]).toEqual([3, 3]);
    await until(() => received.length >= 1);
    expect(received.map((event) => event.id)).toEqual(events.map((event) => event.id));
    const { rows } = await db.pool.query<{ name: string }>('SELECT name FROM effects ORDER BY name');
    expect(rows.map((row) => row.name)).toEqual(['painted', 'quiet']);
    const { rows: outbox } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    expect(outbox[0]?.n).toBe(1);
    await relay.stop();
    await bus.close();
    await db.close();
  });

  it('hands each event to one of several relays', async () => {
    const db = await setUp(`relays_${name.replace('-', '_')}`);
    const bus = await create();
    const { received, started } = collect(bus, 'relays');
    await started;
    const events = Array.from({ length: 60 }, (_, i) => newEvent(`e${i}`));
    await db.transaction((tx) => appendToOutbox(tx, events));
    const relays = Array.from({ length: 3 }, () =>
      startOutboxRelay({ db, bus, logger, batchSize: 7, pollIntervalMs: 20 }),
    );
    await Promise.all(relays.map((relay) => relay.flush()));
    await until(() => received.length >= 60);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received.map((event) => event.id).sort()).toEqual(events.map((event) => event.id).sort());
    await Promise.all(relays.map((relay) => relay.stop()));
    await bus.close();
    await db.close();
  });

  it('absorbs the duplicate a relay killed between publish and mark causes', async () => {
    const db = await setUp(`killed_${name.replace('-', '_')}`);
    const bus = await create();
    let deliveries = 0;
    const stop = await bus.subscribe({
      group: 'effects',
      eventTypes: ['catalog.service_created'],
      handler: async (event) => {
        await handleOnce(db, 'effects', event, async (tx) => {
          await tx.query(
            `INSERT INTO effects (name, times) VALUES ($1, 1)
             ON CONFLICT (name) DO UPDATE SET times = effects.times + 1`,
            [(event.data as { name: string }).name],
          );
        });
        deliveries += 1;
      },
    });
    await db.transaction((tx) => appendToOutbox(tx, [newEvent('once')]));
    const crashing = startOutboxRelay({
      db,
      bus,
      logger,
      pollIntervalMs: 60_000,
      afterPublish: async () => {
        throw new Error('relay process killed before marking');
      },
    });
    await crashing.flush();
    await crashing.stop();
    await until(() => deliveries >= 1);
    const { rows: pending } = await db.pool.query(
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    expect(pending[0].n).toBe(1);

    const healthy = startOutboxRelay({ db, bus, logger, pollIntervalMs: 60_000 });
    await healthy.flush();
    await until(() => deliveries >= 2);
    await healthy.stop();
    const { rows } = await db.pool.query('SELECT name, times FROM effects');
    expect(rows).toEqual([{ name: 'once', times: 1 }]);
    const inbox = await db.pool.query('SELECT count(*)::int AS n FROM inbox');
    expect(inbox.rows[0].n).toBe(1);
    await stop();
    await bus.close();
    await db.close();
  });
});
