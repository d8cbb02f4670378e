import path from 'node:path';
import { runProcess } from '@zefy/platform';
import { RazorpaySimEnv } from './config.ts';
import { loadOrCreateSimulatorKeys } from './keys.ts';
import { listenRazorpaySim } from './server.ts';
import { createRazorpaySimulator } from './simulator.ts';

await runProcess('zefy-razorpay-sim', RazorpaySimEnv, async (config, logger) => {
  const generated = await loadOrCreateSimulatorKeys(config.DATA_DIR);
  const keys = {
    keyId: config.RAZORPAY_KEY_ID ?? generated.keyId,
    keySecret: config.RAZORPAY_KEY_SECRET ?? generated.keySecret,
    webhookSecret: config.RAZORPAY_WEBHOOK_SECRET ?? generated.webhookSecret,
  };
  const sim = createRazorpaySimulator({
    keys,
    webhook: { url: config.RAZORPAY_SIM_WEBHOOK_URL },
    refundSettlement: config.RAZORPAY_SIM_REFUNDS,
    stateFile: path.resolve(config.DATA_DIR, 'razorpay-sim', 'state.json'),
    logger,
  });
  const server = await listenRazorpaySim(sim, { host: config.HOST, port: config.PORT, logger });
  console.info(
    [
      '',
      `Razorpay simulator on ${server.url} (key id ${keys.keyId})`,
      `  API        ${server.url}/v1`,
      `  Checkout   ${server.url}/checkout`,
      `  Control    ${server.url}/control`,
      `  Webhooks → ${config.RAZORPAY_SIM_WEBHOOK_URL}`,
      '',
    ].join('\n'),
  );
  return async () => {
    await server.close();
    await sim.close();
  };
});
