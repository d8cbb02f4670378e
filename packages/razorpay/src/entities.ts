import { type Static, type TSchema, Type } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * Razorpay serialises empty notes as `[]` (a PHP empty array) and filled ones as an object; both are
 * accepted here. Values are strings in practice, but numbers have been seen in dashboards' exports.
 */
export const RazorpayNotes = Type.Union([
  Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
  Type.Array(Type.Unknown(), { maxItems: 0 }),
]);
export type RazorpayNotes = Static<typeof RazorpayNotes>;

/** Notes as a plain string map, whichever form they arrived in. */
export const notesOf = (notes: RazorpayNotes | undefined): Record<string, string> =>
  !notes || Array.isArray(notes)
    ? {}
    : Object.fromEntries(Object.entries(notes).map(([key, value]) => [key, String(value ?? '')]));

/** Empty notes go out as `[]`, as Razorpay writes them. */
export const notesOut = (notes: Record<string, string>): RazorpayNotes =>
  Object.keys(notes).length === 0 ? [] : notes;

export const RazorpayOrderStatus = Type.Union([
  Type.Literal('created'),
  Type.Literal('attempted'),
  Type.Literal('paid'),
]);

export const RazorpayOrder = Type.Object({
  id: Type.String(),
  entity: Type.Literal('order'),
  amount: Type.Integer(),
  amount_paid: Type.Integer(),
  amount_due: Type.Integer(),
  currency: Type.String(),
  receipt: Nullable(Type.String()),
  offer_id: Nullable(Type.String()),
  status: RazorpayOrderStatus,
  attempts: Type.Integer(),
  notes: RazorpayNotes,
  created_at: Type.Integer({ description: 'unix seconds' }),
});
export type RazorpayOrder = Static<typeof RazorpayOrder>;

export const RazorpayPaymentStatus = Type.Union([
  Type.Literal('created'),
  Type.Literal('authorized'),
  Type.Literal('captured'),
  Type.Literal('refunded'),
  Type.Literal('failed'),
]);
export type RazorpayPaymentStatus = Static<typeof RazorpayPaymentStatus>;

export const RazorpayPayment = Type.Object({
  id: Type.String(),
  entity: Type.Literal('payment'),
  amount: Type.Integer(),
  currency: Type.String(),
  status: RazorpayPaymentStatus,
  order_id: Nullable(Type.String()),
  invoice_id: Nullable(Type.String()),
  international: Type.Boolean(),
  method: Nullable(Type.String()),
  amount_refunded: Type.Integer(),
  refund_status: Nullable(Type.Union([Type.Literal('partial'), Type.Literal('full')])),
  captured: Type.Boolean(),
  description: Nullable(Type.String()),
  card_id: Nullable(Type.String()),
  bank: Nullable(Type.String()),
  wallet: Nullable(Type.String()),
  vpa: Nullable(Type.String()),
  email: Nullable(Type.String()),
  contact: Nullable(Type.String()),
  notes: RazorpayNotes,
  fee: Nullable(Type.Integer()),
  tax: Nullable(Type.Integer()),
  error_code: Nullable(Type.String()),
  error_description: Nullable(Type.String()),
  error_source: Nullable(Type.String()),
  error_step: Nullable(Type.String()),
  error_reason: Nullable(Type.String()),
  acquirer_data: Type.Record(Type.String(), Type.Unknown()),
  created_at: Type.Integer(),
});
export type RazorpayPayment = Static<typeof RazorpayPayment>;

export const RazorpayRefundStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('processed'),
  Type.Literal('failed'),
]);
export type RazorpayRefundStatus = Static<typeof RazorpayRefundStatus>;

export const RazorpayRefund = Type.Object({
  id: Type.String(),
  entity: Type.Literal('refund'),
  amount: Type.Integer(),
  currency: Type.String(),
  payment_id: Type.String(),
  notes: RazorpayNotes,
  receipt: Nullable(Type.String()),
  acquirer_data: Type.Record(Type.String(), Type.Unknown()),
  created_at: Type.Integer(),
  batch_id: Nullable(Type.String()),
  status: RazorpayRefundStatus,
  speed_processed: Nullable(Type.String()),
  speed_requested: Nullable(Type.String()),
});
export type RazorpayRefund = Static<typeof RazorpayRefund>;

export const RazorpayCollection = <T extends TSchema>(item: T) =>
  Type.Object({ entity: Type.Literal('collection'), count: Type.Integer(), items: Type.Array(item) });

/** `{"error":{"code":"BAD_REQUEST_ERROR","description":…,"source","step","reason","metadata","field"}}` */
export const RazorpayErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    description: Type.String(),
    source: Type.Optional(Nullable(Type.String())),
    step: Type.Optional(Nullable(Type.String())),
    reason: Type.Optional(Nullable(Type.String())),
    metadata: Type.Optional(Type.Unknown()),
    field: Type.Optional(Nullable(Type.String())),
  }),
});
export type RazorpayErrorBody = Static<typeof RazorpayErrorBody>;

export const RazorpayWebhookEventName = Type.Union([
  Type.Literal('payment.authorized'),
  Type.Literal('payment.captured'),
  Type.Literal('payment.failed'),
  Type.Literal('order.paid'),
  Type.Literal('refund.created'),
  Type.Literal('refund.processed'),
  Type.Literal('refund.failed'),
]);
export type RazorpayWebhookEventName = Static<typeof RazorpayWebhookEventName>;

/**
 * The webhook envelope. `event` stays a plain string: Razorpay sends many more events than we subscribe
 * to, and an unknown one must be acknowledged, not rejected.
 */
export const RazorpayWebhookEvent = Type.Object({
  entity: Type.Literal('event'),
  account_id: Type.String(),
  event: Type.String(),
  contains: Type.Array(Type.String()),
  payload: Type.Object({
    payment: Type.Optional(Type.Object({ entity: RazorpayPayment })),
    order: Type.Optional(Type.Object({ entity: RazorpayOrder })),
    refund: Type.Optional(Type.Object({ entity: RazorpayRefund })),
  }),
  created_at: Type.Integer(),
});
export type RazorpayWebhookEvent = Static<typeof RazorpayWebhookEvent>;
