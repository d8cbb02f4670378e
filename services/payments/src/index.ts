import { fileURLToPath } from 'node:url';
import { paymentRoutes } from '@zefy/contracts';
import type { ServiceModule } from '@zefy/platform';
import { registerCheckoutRoutes } from './checkout/checkout.routes.ts';
import { PaymentsEnv } from './config.ts';
import { type PaymentsDeps, wirePayments } from './deps.ts';
import { registerLedgerRoutes } from './ledger/ledger.routes.ts';
import { payableSubscriptions } from './payables/payables.consumers.ts';
import { registerPaymentRoutes } from './payment/payment.routes.ts';
import { reconciliationJob } from './reconciliation/reconciliation.job.ts';
import { registerReconciliationRoutes } from './reconciliation/reconciliation.routes.ts';
import { refundSubscriptions } from './refunds/refunds.consumers.ts';
import { registerRefundRoutes } from './refunds/refunds.routes.ts';
import { registerReviewRoutes } from './reviews/reviews.routes.ts';
import { registerWebhookRoutes } from './webhooks/webhooks.routes.ts';

export { opensCheckoutJs } from './config.ts';
export { payablesGroup } from './payables/payables.consumers.ts';
export { refundsGroup } from './refunds/refunds.consumers.ts';

/** Money for bookings through Razorpay: orders, checkout, webhooks, refunds, the ledger, reconciliation. */
export const paymentsService: ServiceModule<PaymentsDeps> = {
  name: 'payments',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  contracts: Object.values(paymentRoutes),
  env: PaymentsEnv,
  wire: wirePayments,
  routes(app, deps) {
    registerCheckoutRoutes(app, deps);
    registerWebhookRoutes(app, deps);
    registerPaymentRoutes(app, deps);
    registerRefundRoutes(app, deps);
    registerReviewRoutes(app, deps);
    registerLedgerRoutes(app, deps);
    registerReconciliationRoutes(app, deps);
  },
  subscriptions: (deps) => [...payableSubscriptions(deps), ...refundSubscriptions(deps)],
  jobs: (deps) => [reconciliationJob(deps)],
};
