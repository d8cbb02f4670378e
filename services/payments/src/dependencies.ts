import type { Actor } from '@zefy/contracts';
import type { Clock, Database, Logger, ServiceContext } from '@zefy/platform';
import { createRazorpayClient, type RazorpayClient } from '@zefy/razorpay';
import { type PaymentsSettings, paymentsSettings } from './config.ts';

/** What the payments use cases need; built once per service context. */
export interface PaymentsDeps {
  db: Database;
  razorpay: RazorpayClient;
  settings: PaymentsSettings;
  clock: Clock;
  logger: Logger;
}

/** Webhooks, reconciliation and consumers act as the service itself. */
export const systemActor: Actor = { kind: 'system', id: 'payments' };

const built = new WeakMap<ServiceContext, PaymentsDeps>();

export function paymentsDeps(context: ServiceContext): PaymentsDeps {
  const existing = built.get(context);
  if (existing) return existing;
  const settings = paymentsSettings(context.config);
  const deps: PaymentsDeps = {
    db: context.db,
    razorpay: createRazorpayClient({
      baseUrl: settings.razorpay.baseUrl,
      keyId: settings.razorpay.keyId,
      keySecret: settings.razorpay.keySecret,
      timeoutMs: settings.razorpay.timeoutMs,
    }),
    settings,
    clock: context.clock,
    logger: context.logger,
  };
  built.set(context, deps);
  return deps;
}
