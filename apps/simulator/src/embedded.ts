import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayEnv, seedDemoCity, startPlatform } from '@zefy/gateway';
import { createLogger, loadConfig, newId } from '@zefy/platform';
import { platformSessions } from './platform-sessions.ts';

/**
 * A whole platform of its own in this process (embedded mode: PostgreSQL and the Razorpay simulator in a
 * fresh temporary data folder), with the demo city seeded. The request rate limit is lifted: every simulated
 * person calls from this one address.
 */
export async function startEmbeddedPlatform(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-sim-'));
  const config = loadConfig(GatewayEnv, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    PORT: '0',
    JWT_SECRET: `sim-${newId()}-${newId()}`,
    RATE_LIMIT_PER_MINUTE: '10000000',
    DEMO_CREW: 'off',
    ...env,
  });
  const logger = createLogger({ level: config.LOG_LEVEL });
  const platform = await startPlatform(config, logger, { serveWebApps: false });
  await seedDemoCity(platform.services, { logger, dataDir });
  const baseUrl = await platform.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl,
    sessions: platformSessions(platform),
    async stop() {
      await platform.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
