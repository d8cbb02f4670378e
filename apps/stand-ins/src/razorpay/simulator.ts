import type { Logger } from '@zefy/platform';
import { type Checkout, createCheckout } from './checkout.ts';
import { type ApiFaults, createApiFaults } from './faults.ts';
import type { SimulatorKeys } from './keys.ts';
import { createOrders, type Orders } from './orders.ts';
import { createPayments, type Payments } from './payments.ts';
import { createRefunds, type RefundSettlement, type Refunds } from './refunds.ts';
import { openStateStore, type SimContext } from './state.ts';
import {
  createWebhookDispatcher,
  defaultWebhookSettings,
  type WebhookDispatcher,
  type WebhookSettingsPatch,
} from './webhooks.ts';

export interface SimulatorOptions {
  keys: SimulatorKeys;
  webhook?: WebhookSettingsPatch;
  /** Refunds are processed at once (`instant`, default) or stay pending until settled through control. */
  refundSettlement?: RefundSettlement;
  /** Where orders, payments and refunds survive restarts; in memory only when absent. */
  stateFile?: string;
  now?: () => number;
  logger?: Logger;
}

export interface RazorpaySimulator extends Orders, Payments, Refunds, Checkout, ApiFaults {
  readonly keys: SimulatorKeys;
  readonly webhooks: WebhookDispatcher;
  isAuthorized(keyId: string, keySecret: string): boolean;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Razorpay as far as Zefy uses it: orders (created → attempted → paid), payments (authorized → captured,
 * or failed; auto-capture by default), refunds with X-Refund-Idempotency, and the webhooks each change
 * causes. Checkout is simulated by `checkout()`, which the HTML page and the control API call.
 */
export function createRazorpaySimulator(options: SimulatorOptions): RazorpaySimulator {
  const now = options.now ?? Date.now;
  const { keys, logger } = options;
  const refundSettlement = options.refundSettlement ?? 'instant';
  const store = openStateStore(options.stateFile, logger);
  const baseSettings = defaultWebhookSettings(keys.webhookSecret);
  const webhooks = createWebhookDispatcher({
    settings: {
      ...baseSettings,
      ...options.webhook,
      retry: { ...baseSettings.retry, ...options.webhook?.retry },
    },
    accountId: `acc_${keys.keyId
      .replace(/^rzp_(test|live)_/, '')
      .slice(0, 14)
      .padEnd(14, '0')}`,
    now,
    ...(logger ? { logger } : {}),
  });
  const sim: SimContext = {
    keys,
    state: store.state,
    webhooks,
    seconds: () => Math.floor(now() / 1000),
    save: store.save,
  };
  const refunds = createRefunds(sim, refundSettlement);
  const apiFaults = createApiFaults();

  return {
    keys,
    webhooks,
    isAuthorized: (keyId, keySecret) => keyId === keys.keyId && keySecret === keys.keySecret,
    ...createOrders(sim),
    ...createPayments(sim),
    ...createCheckout(sim),
    ...refunds,
    ...apiFaults,

    reset() {
      store.clear();
      apiFaults.clearApiFaults();
      refunds.setRefundSettlement(refundSettlement);
      webhooks.reset();
    },

    async close() {
      store.flush();
      await webhooks.close();
    },
  };
}
