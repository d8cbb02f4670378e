import type { Actor } from '@zefy/contracts';
import type { Clock, Database, Logger, ServiceContext } from '@zefy/platform';
import { createRazorpayClient, type RazorpayClient } from '@zefy/razorpay';
import { type PaymentsSettings, paymentsSettings } from './config.ts';

/** What payments' routes, commands, consumers and jobs share in one running instance. */
export interface PaymentsDeps {
  db: Database;
  razorpay: RazorpayClient;
  settings: PaymentsSettings;
  clock: Clock;
  logger: Logger;
}

/** Webhooks, reconciliation and consumers act as the service itself. */
export const systemActor: Actor = { kind: 'system', id: 'payments' };

export function wirePayments({ db, clock, logger, config }: ServiceContext): PaymentsDeps {
  const settings = paymentsSettings(config);
  const { baseUrl, keyId, keySecret, timeoutMs } = settings.razorpay;
  return {
    db,
    razorpay: createRazorpayClient({ baseUrl, keyId, keySecret, timeoutMs }),
    settings,
    clock,
    logger,
  };
}
