import type { Static, TObject, TProperties } from 'typebox';
import { ConfigError, loadConfig, PlatformEnv } from './config.ts';
import { StartupError } from './infrastructure.ts';
import { createLogger, type Logger } from './logger.ts';

export type Stop = () => Promise<void>;

/**
 * Runs a process of the platform: validates configuration, starts it, and stops it gracefully on SIGINT or
 * SIGTERM. Configuration and connection problems end the process with one line naming the culprit.
 */
export async function runProcess<T extends TProperties>(
  name: string,
  schema: TObject<T>,
  start: (config: Static<TObject<T>>, logger: Logger) => Promise<Stop>,
): Promise<void> {
  let logger: Logger | undefined;
  try {
    const config = loadConfig(schema);
    logger = createLogger({ level: String((config as PlatformEnv).LOG_LEVEL), name });
    const stop = await start(config, logger);
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger?.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      await stop().catch((error: unknown) => logger?.error({ err: error }, 'shutdown failed'));
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StartupError) {
      console.error(`${name}: ${error.message}`);
    } else if (logger) {
      logger.fatal({ err: error }, 'start-up failed');
    } else {
      console.error(error);
    }
    process.exit(1);
  }
}

export { PlatformEnv };
