import { paymentRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from '../dependencies.ts';
import { reconcile } from './reconciliation.job.ts';

export function registerReconciliationRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  implementRoute(app, deps.db, paymentRoutes.reconcile, async ({ body }) => {
    const report = await reconcile(deps, {
      minAgeSeconds: body.minAgeSeconds ?? deps.settings.reconciliation.afterSeconds,
      wait: true,
    });
    // waiting for the lock means a report always comes back
    return report as NonNullable<typeof report>;
  });
}
