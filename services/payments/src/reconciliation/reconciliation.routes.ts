import { paymentRoutes } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from '../deps.ts';
import { reconcile } from './reconciliation.commands.ts';

export function registerReconciliationRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  implementRoute(app, deps.db, paymentRoutes.reconcile, async ({ body }) => {
    const report = await reconcile(deps, {
      minAgeSeconds: body.minAgeSeconds ?? deps.settings.reconciliation.afterSeconds,
    });
    // answered at once, never by queueing: a waiting request would hold the customers' connections
    if (!report)
      throw new AppError(
        'PAYMENTS.RECONCILIATION_RUNNING',
        'A reconciliation run (on this or another instance) is in progress; ask again once it has finished',
      );
    return report;
  });
}
