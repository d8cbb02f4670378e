import { runProcess } from '@zefy/platform';
import { GatewayEnv } from './config.ts';
import { startPlatform } from './platform.ts';

await runProcess('zefy-gateway', GatewayEnv, async (config, logger) => {
  const startedAt = performance.now();
  const platform = await startPlatform(config, logger);
  const address = await platform.app.listen({ host: config.HOST, port: config.PORT });
  const base = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
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
      '',
    ].join('\n'),
  );
  return platform.stop;
});
