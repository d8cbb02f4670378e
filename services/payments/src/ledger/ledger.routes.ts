import { paymentRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from '../deps.ts';
import { readLedgerFigures } from './ledger.repository.ts';
import { assessLedger } from './ledger.ts';

export function registerLedgerRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  implementRoute(app, deps.db, paymentRoutes.checkLedger, async () =>
    assessLedger(await readLedgerFigures(deps.db)),
  );
}
