import { paymentRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from '../deps.ts';
import { refundView } from '../payment/payment.queries.ts';
import { refundPayment } from './refunds.commands.ts';

export function registerRefundRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  implementRoute(app, deps.db, paymentRoutes.refundPayment, async ({ params, body, principal, reply }) => {
    const refund = await refundPayment(deps, {
      paymentId: params.paymentId,
      amountPaise: body.amountPaise ?? null,
      reason: body.reason,
      actor: { kind: 'admin', id: principal.id },
    });
    // not answered yet: reconciliation sends it again
    if (refund.status === 'requested') reply.code(202);
    return refundView(refund);
  });
}
