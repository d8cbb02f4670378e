import { fileURLToPath } from 'node:url';
import { paymentRoutes } from '@zefy/contracts';
import type { ServiceModule } from '@zefy/platform';
import { registerCheckoutRoutes } from './checkout/checkout.routes.ts';
import { PaymentsEnv } from './config.ts';
import { paymentsDeps } from './dependencies.ts';
import { registerLedgerRoutes } from './ledger/ledger.routes.ts';
import { startReconciliation } from './reconciliation/reconciliation.job.ts';
import { registerReconciliationRoutes } from './reconciliation/reconciliation.routes.ts';
import { refundSubscriptions } from './refunds/refunds.consumers.ts';
import { registerRefundRoutes } from './refunds/refunds.routes.ts';
import { registerWebhookRoutes } from './webhooks/webhooks.routes.ts';

export { refundsGroup } from './refunds/refunds.consumers.ts';

export const paymentsService: ServiceModule = {
  name: 'payments',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes: Object.values(paymentRoutes),
  env: PaymentsEnv,
  registerRoutes(app, context) {
    const deps = paymentsDeps(context);
    registerCheckoutRoutes(app, deps);
    registerWebhookRoutes(app, deps);
    registerRefundRoutes(app, deps);
    registerLedgerRoutes(app, deps);
    registerReconciliationRoutes(app, deps);
  },
  subscriptions: (context) => refundSubscriptions(paymentsDeps(context)),
  async start(context) {
    const reconciliation = startReconciliation(paymentsDeps(context));
    return () => reconciliation.stop();
  },
};
