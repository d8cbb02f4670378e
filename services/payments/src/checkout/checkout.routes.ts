import { paymentRoutes } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { PaymentsDeps } from '../dependencies.ts';
import { createOrderForHold, orderViewOf, verifyCheckout } from './checkout.commands.ts';
import { findOrder } from './checkout.repository.ts';

export function registerCheckoutRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  const { db } = deps;

  implementRoute(app, db, paymentRoutes.createOrder, async ({ body, principal }) => {
    const order = await createOrderForHold(deps, {
      holdId: body.holdId,
      amountPaise: body.amountPaise,
      customerId: principal.id,
      actor: { kind: 'customer', id: principal.id },
    });
    return orderViewOf(deps, order);
  });

  implementRoute(app, db, paymentRoutes.getOrder, async ({ params, principal }) => {
    const order = await findOrder(db.pool, params.orderId);
    if (!order || (principal.role === 'customer' && order.customerId !== principal.id))
      throw new AppError('PAYMENTS.ORDER_NOT_FOUND', `No order ${params.orderId}`);
    return orderViewOf(deps, order);
  });

  implementRoute(app, db, paymentRoutes.verifyCheckout, async ({ body, principal }) => {
    const { order, payment } = await verifyCheckout(deps, {
      callback: body,
      customerId: principal.id,
      actor: { kind: 'customer', id: principal.id },
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
