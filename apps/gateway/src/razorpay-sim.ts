import path from 'node:path';
import type { Logger } from '@zefy/platform';
import {
  createRazorpaySimulator,
  listenRazorpaySim,
  loadOrCreateSimulatorKeys,
  type RazorpaySimulator,
} from '@zefy/stand-ins/razorpay';
import type { GatewayEnv } from './config.ts';

/** Where the gateway mounts the simulator for browsers (checkout page) and people (control API). */
export const razorpaySimPrefix = '/razorpay-sim';

export interface EmbeddedRazorpaySim {
  simulator: RazorpaySimulator;
  /** The simulator's API on its own loopback port, which the payments service calls like api.razorpay.com. */
  apiUrl: string;
  /** The RAZORPAY_* variables the payments service runs with. */
  env: Record<string, string>;
  /** Webhooks go to this gateway's own endpoint unless RAZORPAY_SIM_WEBHOOK_URL says otherwise. */
  isWebhookUrlConfigured: boolean;
  close(): Promise<void>;
}

/**
 * The Razorpay simulator, when payments runs in this process without RAZORPAY_BASE_URL and not in
 * production. Keys are RAZORPAY_KEY_ID/SECRET/WEBHOOK_SECRET when set, else development keys kept
 * under DATA_DIR; orders, payments and refunds survive restarts in DATA_DIR/razorpay-sim/state.json.
 */
export async function startEmbeddedRazorpaySim(
  config: GatewayEnv,
  logger: Logger,
  isPaymentsHere: boolean,
): Promise<EmbeddedRazorpaySim | null> {
  if (!isPaymentsHere || config.RAZORPAY_BASE_URL || config.NODE_ENV === 'production') return null;
  const generated = await loadOrCreateSimulatorKeys(config.DATA_DIR);
  const keys = {
    keyId: typeof config.RAZORPAY_KEY_ID === 'string' ? config.RAZORPAY_KEY_ID : generated.keyId,
    keySecret:
      typeof config.RAZORPAY_KEY_SECRET === 'string' ? config.RAZORPAY_KEY_SECRET : generated.keySecret,
    webhookSecret:
      typeof config.RAZORPAY_WEBHOOK_SECRET === 'string'
        ? config.RAZORPAY_WEBHOOK_SECRET
        : generated.webhookSecret,
  };
  const simLogger = logger.child({ component: 'razorpay-sim' });
  const simulator = createRazorpaySimulator({
    keys,
    webhook: { url: config.RAZORPAY_SIM_WEBHOOK_URL ?? null },
    stateFile: path.resolve(config.DATA_DIR, 'razorpay-sim', 'state.json'),
    logger: simLogger,
  });
  const server = await listenRazorpaySim(simulator, { host: '127.0.0.1', port: 0, logger: simLogger });
  return {
    simulator,
    apiUrl: server.url,
    env: {
      RAZORPAY_BASE_URL: server.url,
      RAZORPAY_KEY_ID: keys.keyId,
      RAZORPAY_KEY_SECRET: keys.keySecret,
      RAZORPAY_WEBHOOK_SECRET: keys.webhookSecret,
      RAZORPAY_CHECKOUT_URL: `${razorpaySimPrefix}/checkout`,
    },
    isWebhookUrlConfigured: config.RAZORPAY_SIM_WEBHOOK_URL !== undefined,
    async close() {
      await server.close();
      await simulator.close();
    },
  };
}
