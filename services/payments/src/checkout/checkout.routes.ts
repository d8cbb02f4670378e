import { paymentRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from '../deps.ts';
import { openOrder, verifyCheckout } from './checkout.commands.ts';
import { orderFor, orderView } from './checkout.queries.ts';

export function registerCheckoutRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  const { db } = deps;
  const asCustomer = (id: string) => ({ kind: 'customer' as const, id });

  implementRoute(app, db, paymentRoutes.createOrder, async ({ body, principal }) =>
    // a hold's payable has the hold's id
    orderView(
      deps,
      await openOrder(deps, {
        payableId: body.holdId,
        customerId: principal.id,
        actor: asCustomer(principal.id),
      }),
    ),
  );

  implementRoute(app, db, paymentRoutes.getOrder, ({ params, principal }) =>
    orderFor(deps, params.orderId, principal),
  );

  implementRoute(app, db, paymentRoutes.verifyCheckout, async ({ body, principal }) => {
    const { order, payment } = await verifyCheckout(deps, {
      callback: body,
      customerId: principal.id,
      actor: asCustomer(principal.id),
    });
    return {
      orderId: order.id,
      paymentId: payment.paymentId,
      razorpayPaymentId: payment.razorpayPaymentId,
      status: payment.status,
      amountPaise: payment.amountPaise,
      verifiedBy: payment.verifiedBy,
    };
  });
}
