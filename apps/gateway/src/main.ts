import { setTimeout as delay } from 'node:timers/promises';
import { demoCity } from '@zefy/demo-city';
import { runProcess } from '@zefy/platform';
import { platformSessions, startDemoCrew } from '@zefy/simulator';
import { GatewayEnv, runsDemoCrew } from './config.ts';
import { startPlatform } from './platform.ts';
import { demoCitySummary, seedDemoCity } from './seed.ts';

await runProcess('zefy-gateway', GatewayEnv, async (config, logger) => {
  const startedAt = performance.now();
  const platform = await startPlatform(config, logger);
  // embedded mode is the laptop demo: it comes with a city to try; servers are seeded with npm run seed
  const seeded =
    platform.infra.mode === 'embedded'
      ? await seedDemoCity(platform.services, { logger, dataDir: config.DATA_DIR })
      : undefined;
  const address = await platform.app.listen({ host: config.HOST, port: config.PORT });
  const base = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  // the demo crew drives the platform like any partner app, over this gateway's own HTTP and WebSocket;
  // its partners go on duty one by one a second after the platform is up, so they do not slow its first answers
  const crewStart = new AbortController();
  const crew = runsDemoCrew(config, platform.infra.mode)
    ? delay(1000, undefined, { signal: crewStart.signal })
        .then(() =>
          startDemoCrew({ baseUrl: base, sessions: platformSessions(platform), signal: crewStart.signal }),
        )
        .then(
          (started) => {
            logger.info({ partners: started.partners }, 'demo crew on duty');
            return started;
          },
          (error: unknown) => {
            if (!crewStart.signal.aborted) logger.error({ err: error }, 'demo crew failed to start');
            return undefined;
          },
        )
    : undefined;
  const embedded = platform.services.map((service) => service.module.name).join(', ') || 'none';
  console.info(
    [
      '',
      `Zefy is up in ${seconds} s (${config.DATABASE_URL ? 'distributed' : 'embedded'} mode; services in this process: ${embedded})`,
      `  User app       ${base}/`,
      `  Partner app    ${base}/partner/`,
      `  Admin console  ${base}/admin/`,
      `  API docs       ${base}/docs`,
      `  Health         ${base}/readyz`,
      ...(seeded
        ? [
            `  Demo city      ${demoCitySummary()} (${seeded.outcomes.catalog === 'applied' ? 'seeded now' : 'seeded earlier'}; npm run seed -- --reset to start over)`,
            `  Admin login    ${seeded.admin.email} / ${seeded.admin.password} (embedded mode only)`,
          ]
        : []),
      ...(crew
        ? [
            `  Demo crew      ${demoCity.identity.partners.length} simulated partners going on duty, taking offers; they stop at the door (the start code is yours to give); DEMO_CREW=off to run without`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  return async () => {
    crewStart.abort();
    await (await crew)?.stop();
    await platform.stop();
  };
});
