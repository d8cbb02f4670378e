import type { ErrorDefinitions } from './definitions.ts';

export const paymentsErrors = {
  'PAYMENTS.ORDER_NOT_FOUND': { status: 404, title: 'No such payment order' },
  'PAYMENTS.PAYMENT_NOT_FOUND': { status: 404, title: 'No such payment' },
  'PAYMENTS.HOLD_ORDER_CONFLICT': {
    status: 409,
    title: 'This hold already has a payment order for another amount or customer',
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
} as const satisfies ErrorDefinitions;
