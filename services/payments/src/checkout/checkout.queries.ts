import type { PaymentOrder, Principal } from '@zefy/contracts';
import { AppError } from '@zefy/platform';
import type { PaymentsDeps } from '../deps.ts';
import { findOrder } from '../orders/orders.repository.ts';
import type { Order } from '../orders/orders.ts';
import { paymentSummary } from '../payment/payment.queries.ts';
import { paymentsOfOrder } from '../payment/payment.repository.ts';

/** The order as the apps see it: with the key and page to open checkout, and its payments. */
export async function orderView(deps: PaymentsDeps, order: Order): Promise<PaymentOrder> {
  const { keyId, checkoutUrl } = deps.settings.razorpay;
  const payments = await paymentsOfOrder(deps.db.pool, order.id);
  return {
    id: order.id,
    holdId: order.holdId,
    customerId: order.customerId,
    amountPaise: order.amountPaise,
    currency: 'INR',
    status: order.status,
    razorpayOrderId: order.razorpayOrderId,
    razorpayKeyId: keyId,
    checkoutUrl:
      checkoutUrl && order.razorpayOrderId
        ? `${checkoutUrl}?order_id=${encodeURIComponent(order.razorpayOrderId)}&key_id=${encodeURIComponent(keyId)}`
        : null,
    payments: payments.map(paymentSummary),
    createdAt: order.createdAt.toISOString(),
  };
}

/** An order its customer, admin or ops may see; another customer's is answered as unknown. */
export async function orderFor(
  deps: PaymentsDeps,
  orderId: string,
  principal: Principal,
): Promise<PaymentOrder> {
  const order = await findOrder(deps.db.pool, orderId);
  if (!order || (principal.role === 'customer' && order.customerId !== principal.id))
    throw new AppError('PAYMENTS.ORDER_NOT_FOUND', `No order ${orderId}`);
  return orderView(deps, order);
}
