import { Type } from 'typebox';
import { PlatformEnv } from './config.ts';
import { createHttpApp } from './http/app.ts';
import { useHealthRoutes } from './http/health.ts';
import { useMetrics } from './http/metrics.ts';
import { createInfrastructure } from './infrastructure.ts';
import { runProcess } from './process.ts';
import { type ServiceModule, startService } from './service.ts';

/** Runs one service as its own process (distributed mode): its routes, consumers and outbox relay. */
export async function runStandaloneService(module: ServiceModule): Promise<void> {
  const env = Type.Object({ ...PlatformEnv.properties, ...module.env?.properties });
  await runProcess(`zefy-${module.name}`, env, async (config, logger) => {
    const infra = await createInfrastructure(config as PlatformEnv, { processName: module.name, logger });
    const service = await startService(module, infra, { isEmbedded: false });
    // behind the gateway: trust its X-Forwarded-For when it comes from a private network, so per-client
    // limits see the caller's address, not the gateway's
    const app = createHttpApp({ logger, tokens: infra.tokens, trustProxy: 'loopback,linklocal,uniquelocal' });
    useMetrics(app, infra.metrics);
    useHealthRoutes(app, infra.readiness);
    await app.register(async (scope) => service.registerRoutes(scope));
    const address = await app.listen({ host: config.HOST, port: config.PORT });
    logger.info({ address, service: module.name }, 'service listening');
    return async () => {
      await app.close();
      await service.stop();
      await infra.close();
    };
  });
}
