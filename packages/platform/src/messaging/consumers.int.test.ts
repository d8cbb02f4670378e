import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventEnvelope, ServerMessage } from '@zefy/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultRetryPolicy } from '../bus/bus.ts';
import { retryDelayMs } from '../bus/retry.ts';
import { createMemoryCache } from '../cache/memory-cache.ts';
import { ManualClock } from '../core/clock.ts';
import { connectDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, offersSentData, type TestDatabase } from '../testing/index.ts';
import { MalformedEventError, onEvents, pushEvents, pushedMarkTtlMs, readEvent } from './consumers.ts';
import { createEvent } from './events.ts';
import type { RealtimePublisher } from './realtime.ts';

const clock = new ManualClock();
const serviceCreated = (category: string) =>
  createEvent(
    'catalog.service_created',
    { serviceId: 's1', name: 'Tap repair', category, basePricePaise: 100 },
    { actor: { kind: 'system', id: 'test' }, clock },
  );

let database: TestDatabase;
let db: Database;
let noMigrations: string;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  noMigrations = await mkdtemp(path.join(tmpdir(), 'zefy-no-migrations-'));
  db = connectDatabase({ url: database.url, schema: 'consumers', max: 4 });
  await migrate(db, noMigrations);
  await db.pool.query('CREATE TABLE seen (category text NOT NULL)');
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
  await rm(noMigrations, { recursive: true, force: true });
});

const delivery = { attempt: 1, redelivered: false };

describe('onEvents', () => {
  const subscription = () =>
    onEvents(db, 'seen-categories', {
      'catalog.service_created': async (data, tx) => {
        await tx.query('INSERT INTO seen (category) VALUES ($1)', [data.category]);
      },
    });

  it('subscribes to the types it handles and applies each event once, however often it is delivered', async () => {
    const consumer = subscription();
    expect(consumer.eventTypes).toEqual(['catalog.service_created']);
    const event = serviceCreated('plumbing');
    await consumer.handler(event, delivery);
    await consumer.handler(event, { attempt: 2, redelivered: true });
    const { rows } = await db.pool.query('SELECT category FROM seen');
    expect(rows).toEqual([{ category: 'plumbing' }]);
  });

  it('accepts fields a newer producer added, and refuses data that breaks the contract', async () => {
    const consumer = subscription();
    const extended = { ...serviceCreated('salon'), data: { ...serviceCreated('salon').data, newField: 1 } };
    await consumer.handler(extended, delivery);
    const broken: EventEnvelope = { ...serviceCreated('x'), data: { serviceId: 's1', name: 'x' } };
    await expect(consumer.handler(broken, delivery)).rejects.toBeInstanceOf(MalformedEventError);
    const { rows } = await db.pool.query('SELECT category FROM seen ORDER BY category');
    expect(rows.map((row) => row.category)).toEqual(['plumbing', 'salon']);
  });

  it('rolls the inbox row back with a failed effect, so a retry runs the effect again', async () => {
    let attempts = 0;
    const consumer = onEvents(db, 'flaky', {
      'catalog.service_created': async (data, tx) => {
        attempts += 1;
        await tx.query('INSERT INTO seen (category) VALUES ($1)', [data.category]);
        if (attempts === 1) throw new Error('downstream unavailable');
      },
    });
    const event = serviceCreated('electrical');
    await expect(consumer.handler(event, delivery)).rejects.toThrow('downstream unavailable');
    await consumer.handler(event, { attempt: 2, redelivered: true });
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM seen WHERE category = 'electrical'");
    expect(rows[0]?.n).toBe(1);
  });

  it('runs what a handler leaves for after the commit once, and not for a duplicate or a rollback', async () => {
    const announced: string[] = [];
    const consumer = onEvents(db, 'announcer', {
      'catalog.service_created': async (data, tx) => {
        await tx.query('INSERT INTO seen (category) VALUES ($1)', [data.category]);
        if (data.category === 'broken') throw new Error('rolled back');
        return async () => {
          const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM seen WHERE category = $1', [
            data.category,
          ]);
          announced.push(`${data.category}:${rows[0]?.n}`);
        };
      },
    });
    const event = serviceCreated('carpentry');
    await consumer.handler(event, delivery);
    await consumer.handler(event, { attempt: 2, redelivered: true });
    await expect(consumer.handler(serviceCreated('broken'), delivery)).rejects.toThrow('rolled back');
    expect(announced).toEqual(['carpentry:1']);
  });
});

describe('work left for after the commit', () => {
  it('runs once the effect is committed, and not again for a redelivery', async () => {
    const seenAfterCommit: number[] = [];
    const consumer = onEvents(db, 'after-commit', {
      'catalog.service_created': async (data, tx) => {
        await tx.query('INSERT INTO seen (category) VALUES ($1)', [data.category]);
        return async () => {
          const { rows } = await db.pool.query(
            "SELECT count(*)::int AS n FROM seen WHERE category = 'after-commit'",
          );
          seenAfterCommit.push(rows[0]?.n);
        };
      },
    });
    const event = serviceCreated('after-commit');
    await consumer.handler(event, delivery);
    await consumer.handler(event, { attempt: 2, redelivered: true });
    expect(seenAfterCommit).toEqual([1]);
  });
});

describe('pushEvents', () => {
  it('pushes each event once to its channels, a slice of its data where a target carries one', async () => {
    const pushed: Array<{ channel: string; message: ServerMessage }> = [];
    const realtime: RealtimePublisher = {
      publish: async (channel, message) => {
        pushed.push({ channel, message });
      },
      publishEach: async (messages) => {
        pushed.push(...messages);
      },
    };
    const consumer = pushEvents({ cache: createMemoryCache(), realtime }, 'pushed', {
      'catalog.service_created': (data) => [
        'catalog',
        { channel: 'partner:p1', data: { ...data, name: 'only for p1' } },
      ],
    });
    const event = serviceCreated('painting');
    await consumer.handler(event, delivery);
    await consumer.handler(event, { attempt: 2, redelivered: true });
    const names = pushed.map(({ channel, message }) => [
      channel,
      message.type === 'event' && message.event.type === 'catalog.service_created'
        ? message.event.data.name
        : null,
    ]);
    expect(names).toEqual([
      ['catalog', 'Tap repair'],
      ['partner:p1', 'only for p1'],
    ]);
  });

  it('keeps its push mark an hour, past every redelivery the default retry policy makes', async () => {
    const cache = createMemoryCache({ now: () => clock.now().getTime() });
    const realtime: RealtimePublisher = { publish: async () => {}, publishEach: async () => {} };
    const event = serviceCreated('marks');
    await pushEvents({ cache, realtime }, 'marked', { 'catalog.service_created': () => ['catalog'] }).handler(
      event,
      delivery,
    );
    expect(await cache.ttlMs(`pushed:marked:${event.id}`)).toBe(pushedMarkTtlMs);
    expect(pushedMarkTtlMs).toBe(3600_000);
    const { maxAttempts } = defaultRetryPolicy;
    const redeliveredWithinMs = Array.from({ length: maxAttempts - 1 }, (_, failed) =>
      retryDelayMs(defaultRetryPolicy, failed + 1),
    ).reduce((sum, delay) => sum + delay, 0);
    expect(redeliveredWithinMs).toBeLessThan(pushedMarkTtlMs / 10);
    await cache.close();
  });
});

describe('readEvent', () => {
  it('refuses an event of another type than the one asked for', () => {
    expect(() => readEvent(serviceCreated('x'), 'catalog.service_updated')).toThrow(MalformedEventError);
  });

  it('refuses an event of a version its contract does not describe', () => {
    expect(() => readEvent({ ...serviceCreated('x'), version: 2 }, 'catalog.service_created')).toThrow(
      /v2 .* does not match its v1 contract/,
    );
  });

  it('refuses data that breaks a format, a bound or a required field, naming where', () => {
    const sentAt = clock.now().toISOString();
    const wave = createEvent(
      'dispatch.offers_sent',
      offersSentData({
        bookingId: '0190a6f2-6b3e-7c2a-9d4e-2f1a3b4c5d6e',
        sentAt,
        offers: [{ offerId: '0190a6f2-6b3e-7c2a-9d4e-2f1a3b4c5d6f', partnerId: 'p-1', distanceMeters: 850 }],
      }),
      { actor: { kind: 'system', id: 'test' }, clock },
    );
    expect(readEvent(wave, 'dispatch.offers_sent')).toBe(wave);
    const withOffer = (offer: object) => ({ ...wave, data: { ...wave.data, offers: [offer] } });
    const [offer] = wave.data.offers;
    expect(() =>
      readEvent({ ...wave, data: { ...wave.data, expiresAt: 'soon' } }, 'dispatch.offers_sent'),
    ).toThrow(/\/expiresAt/);
    expect(() => readEvent(withOffer({ ...offer, distanceMeters: -1 }), 'dispatch.offers_sent')).toThrow(
      /\/offers\/0\/distanceMeters/,
    );
    const { partnerId: _, ...nobody } = offer!;
    expect(() => readEvent(withOffer(nobody), 'dispatch.offers_sent')).toThrow(MalformedEventError);
  });
});
