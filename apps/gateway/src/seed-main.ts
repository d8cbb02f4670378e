// `npm run seed [-- --reset]`: seeds the demo city into the configured database (embedded under DATA_DIR by
// default); --reset first empties every service's tables. Stop `npm start` first in embedded mode.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ConfigError,
  createInfrastructure,
  createLogger,
  loadConfig,
  type RunningService,
  StartupError,
  startService,
} from '@zefy/platform';
import { GatewayEnv } from './config.ts';
import { startEmbeddedRazorpaySim } from './razorpay-sim.ts';
import { demoCitySummary, seedDemoCity } from './seed.ts';
import { serviceModules } from './services.ts';

const isReset = process.argv.includes('--reset');

async function isEmbeddedPostgresRunning(dataDir: string): Promise<number | undefined> {
  const pid = Number(
    (await readFile(path.resolve(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '')).split(
      '\n',
    )[0],
  );
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Empties a service's schema but keeps its migrations (and sequences: revisions must keep growing). */
async function truncate(service: RunningService): Promise<void> {
  const { rows } = await service.context.db.pool.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'",
    [service.module.name],
  );
  if (rows.length === 0) return;
  const tables = rows.map((row) => `${service.module.name}."${row.tablename}"`).join(', ');
  await service.context.db.pool.query(`TRUNCATE ${tables} CASCADE`);
}

/**
 * The in-process bus lives and dies with this script: wait until every outbox is published and the
 * consumers' inboxes stop growing, so read models and re-resolutions are complete before it exits.
 */
async function waitForConsumers(services: readonly RunningService[]): Promise<void> {
  const inboxTotal = async () => {
    let total = 0;
    for (const service of services) {
      const { rows } = await service.context.db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM inbox',
      );
      total += rows[0]?.n ?? 0;
    }
    return total;
  };
  let last = -1;
  let stableRounds = 0;
  for (let round = 0; round < 100 && stableRounds < 3; round++) {
    await Promise.all(services.map((service) => service.outbox.flush()));
    const total = await inboxTotal();
    stableRounds = total === last ? stableRounds + 1 : 0;
    last = total;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const config = loadConfig(GatewayEnv);
  const logger = createLogger({
    level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    name: 'zefy-seed',
  });
  if (!config.DATABASE_URL) {
    const pid = await isEmbeddedPostgresRunning(config.DATA_DIR);
    if (pid)
      throw new StartupError(
        `the embedded PostgreSQL in ${path.resolve(config.DATA_DIR)} is in use (pid ${pid}): stop npm start first`,
      );
  }
  // payments starts here too, and like the gateway's it needs a Razorpay: the simulator unless one is configured
  const razorpaySim = await startEmbeddedRazorpaySim(config, logger, true);
  const infra = await createInfrastructure(
    { ...config, ...razorpaySim?.env },
    { processName: 'seed', logger },
  ).catch(async (error: unknown) => {
    await razorpaySim?.close();
    throw error;
  });
  const services: RunningService[] = [];
  try {
    for (const module of serviceModules) services.push(await startService(module, infra, { poolSize: 3 }));
    if (isReset) {
      for (const service of services) await truncate(service);
      console.info(`Emptied the tables of ${services.map((service) => service.module.name).join(', ')}`);
    }
    const { outcomes } = await seedDemoCity(services, { logger, dataDir: config.DATA_DIR });
    await waitForConsumers(services);
    const lines = Object.entries(outcomes).map(([service, outcome]) => `  ${service.padEnd(10)} ${outcome}`);
    console.info([`Demo city (${demoCitySummary()}):`, ...lines].join('\n'));
  } finally {
    for (const service of services) await service.stop();
    await infra.close();
    await razorpaySim?.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `zefy-seed: ${error instanceof ConfigError || error instanceof StartupError ? error.message : String((error as Error)?.stack ?? error)}`,
    );
    process.exit(1);
  },
);
