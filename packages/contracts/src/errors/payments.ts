import type { ErrorDefinitions } from './definitions.ts';

export const paymentsErrors = {
  'PAYMENTS.ORDER_NOT_FOUND': { status: 404, title: 'No such payment order' },
  'PAYMENTS.PAYMENT_NOT_FOUND': { status: 404, title: 'No such payment' },
  'PAYMENTS.HOLD_NOT_FOUND': { status: 404, title: 'You have no such hold' },
  'PAYMENTS.HOLD_EXPIRED': { status: 409, title: 'The hold has expired; place a new one' },
  'PAYMENTS.HOLD_CLOSED': {
    status: 409,
    title: 'The hold takes no more payments (it is paid, cancelled or closed)',
  },
  'PAYMENTS.SIGNATURE_INVALID': { status: 400, title: 'The Razorpay signature does not match' },
  'PAYMENTS.ORDER_MISMATCH': { status: 422, title: 'The payment belongs to another order' },
  'PAYMENTS.AMOUNT_MISMATCH': { status: 422, title: 'The amount paid differs from the order' },
  'PAYMENTS.PAYMENT_NOT_CAPTURED': { status: 409, title: 'Only a captured payment can be refunded' },
  'PAYMENTS.REFUND_EXCEEDS_BALANCE': {
    status: 422,
    title: 'The refund is more than what is left of the payment',
  },
  'PAYMENTS.GATEWAY_REJECTED': { status: 502, title: 'Razorpay refused the request' },
  'PAYMENTS.RECONCILIATION_RUNNING': {
    status: 409,
    title: 'A reconciliation is already running; ask again once it has finished',
  },
} as const satisfies ErrorDefinitions;
