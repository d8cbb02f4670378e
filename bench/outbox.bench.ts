import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  appendToOutbox,
  connectDatabase,
  createEvent,
  createInProcessBus,
  createLogger,
  handleOnce,
  migrate,
  startOutboxRelay,
  systemClock,
} from '@zefy/platform';
import { benchDatabase, formatRate, percentile } from './support.ts';

const events = 5000;

/** State change + outbox row per transaction, relayed to a consumer that dedupes through its inbox. */
export async function run(): Promise<void> {
  const database = await benchDatabase();
  const noMigrations = await mkdtemp(path.join(tmpdir(), 'zefy-bench-migrations-'));
  const logger = createLogger({ level: 'silent' });
  const db = connectDatabase({ url: database.url, schema: 'bench', max: 10 });
  await migrate(db, noMigrations);
  const bus = createInProcessBus({ logger });
  const latencies: number[] = [];
  let handled = 0;
  let allHandled: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    allHandled = resolve;
  });
  await bus.subscribe({
    group: 'bench',
    eventTypes: ['catalog.service_created'],
    handler: async (event) => {
      await handleOnce(db, 'bench', event, async () => undefined);
      latencies.push(Date.now() - Date.parse(event.occurredAt));
      handled += 1;
      if (handled === events) allHandled();
    },
  });
  const relay = startOutboxRelay({ db, bus, logger });
  const started = performance.now();
  const writers = 10;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = writer; i < events; i += writers) {
        const event = createEvent(
          'catalog.service_created',
          { serviceId: String(i), name: `s${i}`, category: 'bench', basePricePaise: i },
          { actor: { kind: 'system', id: 'bench' }, clock: systemClock },
        );
        await db.transaction((tx) => appendToOutbox(tx, [event]));
      }
    }),
  );
  const written = performance.now();
  await done;
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  console.info(`events:                 ${events} (10 concurrent writers, one transaction each)`);
  console.info(`commit rate:            ${formatRate(events, written - started)}`);
  console.info(
    `end-to-end throughput:  ${formatRate(events, elapsed)} (commit → relay → bus → inbox-deduped consumer)`,
  );
  console.info(
    `commit→handled latency: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
  );
  console.info(
    `relay / commit ratio:   ${(events / elapsed / (events / (written - started))).toFixed(2)} (1.00 = the relay keeps up)`,
  );
  await relay.stop();
  await bus.close();
  await db.close();
  await database.close();
  await rm(noMigrations, { recursive: true, force: true });
}
