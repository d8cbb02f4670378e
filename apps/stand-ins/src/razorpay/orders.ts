import type { RazorpayOrder, RazorpayPayment } from '@zefy/razorpay';
import { invalidInput } from './errors.ts';
import { randomId } from './ids.ts';
import { isRecord, readAmount, readBody, readNotes, readReceipt, rejectUnknownFields } from './input.ts';
import { orderEntity, orderNamed, paymentEntity, type SimContext, type StoredOrder } from './state.ts';

export interface Orders {
  createOrder(body: unknown): RazorpayOrder;
  fetchOrder(orderId: string): RazorpayOrder;
  listOrders(query: { receipt?: string; count?: number; skip?: number }): RazorpayOrder[];
  orderPayments(orderId: string): RazorpayPayment[];
}

const orderFields = new Set([
  'amount',
  'currency',
  'receipt',
  'notes',
  'partial_payment',
  'first_payment_min_amount',
  'payment',
]);

/** Orders API: created here, then attempted and paid through checkout. */
export function createOrders(sim: SimContext): Orders {
  return {
    createOrder(body) {
      const input = readBody(body);
      rejectUnknownFields(input, orderFields);
      const amount = readAmount(input.amount);
      if (input.currency === undefined) throw invalidInput('The currency field is required.', 'currency');
      if (input.currency !== 'INR') throw invalidInput('The currency provided is not supported.', 'currency');
      const receipt = readReceipt(input.receipt);
      const notes = readNotes(input.notes);
      const payment = input.payment;
      if (
        payment !== undefined &&
        (!isRecord(payment) || !['automatic', 'manual'].includes(String(payment.capture)))
      )
        throw invalidInput('The payment.capture field must be automatic or manual.', 'payment');
      const order: StoredOrder = {
        notes,
        capture: isRecord(payment) && payment.capture === 'manual' ? 'manual' : 'automatic',
        entity: {
          id: randomId('order_'),
          entity: 'order',
          amount,
          amount_paid: 0,
          amount_due: amount,
          currency: 'INR',
          receipt,
          offer_id: null,
          status: 'created',
          attempts: 0,
          notes: [],
          created_at: sim.seconds(),
        },
      };
      sim.state.orders[order.entity.id] = order;
      sim.save();
      return orderEntity(order);
    },

    fetchOrder: (orderId) => orderEntity(orderNamed(sim.state, orderId)),

    listOrders(query) {
      const count = Math.min(Math.max(query.count ?? 10, 1), 100);
      return Object.values(sim.state.orders)
        .filter((order) => query.receipt === undefined || order.entity.receipt === query.receipt)
        .sort((a, b) => b.entity.created_at - a.entity.created_at)
        .slice(query.skip ?? 0, (query.skip ?? 0) + count)
        .map(orderEntity);
    },

    orderPayments(orderId) {
      orderNamed(sim.state, orderId);
      return Object.values(sim.state.payments)
        .filter((payment) => payment.entity.order_id === orderId)
        .map(paymentEntity);
    },
  };
}
