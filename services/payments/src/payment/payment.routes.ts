import { paymentRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from '../deps.ts';
import { paymentDetail } from './payment.queries.ts';

export function registerPaymentRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  implementRoute(app, deps.db, paymentRoutes.getPayment, ({ params }) =>
    paymentDetail(deps, params.paymentId),
  );
}
