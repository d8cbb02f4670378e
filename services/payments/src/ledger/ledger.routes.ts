import { paymentRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from '../dependencies.ts';
import { ledgerFigures } from './ledger.repository.ts';
import { assessLedger, type LedgerAssessment } from './ledger.ts';

/** The balance check, on one consistent snapshot of payments, refunds and ledger. */
export const checkLedger = (deps: PaymentsDeps): Promise<LedgerAssessment> =>
  deps.db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return assessLedger(await ledgerFigures(tx));
  });

export function registerLedgerRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  implementRoute(app, deps.db, paymentRoutes.checkLedger, () => checkLedger(deps));
}
