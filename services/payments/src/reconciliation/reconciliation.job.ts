import { everyJob, type Job } from '@zefy/platform';
import type { PaymentsDeps } from '../deps.ts';
import { reconcile } from './reconciliation.commands.ts';

/** `reconcile` every PAYMENTS_RECONCILE_INTERVAL_SECONDS; a run another instance holds is skipped. */
export function reconciliationJob(deps: PaymentsDeps): Job {
  const { afterSeconds, intervalSeconds } = deps.settings.reconciliation;
  return everyJob('reconciliation', { everyMs: intervalSeconds * 1000, logger: deps.logger }, async () => {
    const report = await reconcile(deps, { minAgeSeconds: afterSeconds });
    const didWork =
      report &&
      report.paymentsSettled +
        report.paymentsCaptured +
        report.ordersAbandoned +
        report.refundsSent +
        report.refundsSettled +
        report.errors.length >
        0;
    if (didWork) deps.logger.info({ report }, 'reconciliation settled payments');
  });
}
