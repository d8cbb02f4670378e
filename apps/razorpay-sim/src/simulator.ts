import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@zefy/platform';
import {
  checkoutSignature,
  notesOut,
  type RazorpayOrder,
  type RazorpayPayment,
  type RazorpayRefund,
  type RazorpayWebhookEventName,
} from '@zefy/razorpay';
import { invalidInput, notFound, SimError } from './errors.ts';
import { randomId } from './ids.ts';
import {
  createWebhookDispatcher,
  defaultWebhookSettings,
  type NewWebhookEvent,
  type WebhookDispatcher,
  type WebhookSettingsPatch,
} from './webhooks.ts';

export interface SimulatorKeys {
  keyId: string;
  keySecret: string;
  webhookSecret: string;
}

export type ApiOperation =
  | 'create_order'
  | 'list_orders'
  | 'fetch_order'
  | 'order_payments'
  | 'fetch_payment'
  | 'capture'
  | 'refund'
  | 'fetch_refund';

/**
 * A scripted API failure for the next matching calls: `fail` answers 500 without doing anything,
 * `lose_response` does the work and then drops the connection (the caller cannot know it happened),
 * `delay` waits `delayMs` first (for refunds, while the idempotency key is already in flight).
 */
export interface ApiFault {
  id: string;
  operation: ApiOperation | 'any';
  mode: 'fail' | 'lose_response' | 'delay';
  remaining: number | null;
  delayMs: number;
}

export interface CheckoutSuccess {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

export interface CheckoutFailure {
  code: string;
  description: string;
  source: string;
  step: string;
  reason: string;
  metadata: { order_id: string; payment_id?: string };
}

export type CheckoutResult =
  | { outcome: 'success'; payment: RazorpayPayment; callback: CheckoutSuccess }
  | { outcome: 'failure'; payment: RazorpayPayment; error: CheckoutFailure }
  | { outcome: 'abandon'; error: CheckoutFailure };

export interface CheckoutAttempt {
  outcome: 'success' | 'failure' | 'abandon';
  /** Paid amount; defaults to the order's. A different one simulates a tampered or buggy checkout. */
  amount?: number;
  method?: 'upi' | 'card' | 'netbanking' | 'wallet';
  /** Overrides the order's capture setting: `manual` leaves the payment authorized, as a failed auto-capture would. */
  capture?: 'automatic' | 'manual';
}

interface StoredOrder {
  entity: RazorpayOrder;
  notes: Record<string, string>;
  capture: 'automatic' | 'manual';
}

interface StoredPayment {
  entity: RazorpayPayment;
  notes: Record<string, string>;
}

interface StoredRefund {
  entity: RazorpayRefund;
  notes: Record<string, string>;
}

/** A refund idempotency key, kept once its refund exists; a failed request leaves no key behind. */
interface RefundKey {
  fingerprint: string;
  refundId: string;
}

interface State {
  orders: Record<string, StoredOrder>;
  payments: Record<string, StoredPayment>;
  refunds: Record<string, StoredRefund>;
  refundKeys: Record<string, RefundKey>;
}

export interface SimulatorOptions {
  keys: SimulatorKeys;
  webhook?: WebhookSettingsPatch;
  /** Refunds are processed at once (`instant`, default) or stay pending until settled through control. */
  refundSettlement?: 'instant' | 'manual';
  /** Where orders, payments and refunds survive restarts; in memory only when absent. */
  stateFile?: string;
  now?: () => number;
  logger?: Logger;
}

export interface RazorpaySimulator {
  readonly keys: SimulatorKeys;
  readonly webhooks: WebhookDispatcher;
  isAuthorized(keyId: string, keySecret: string): boolean;
  createOrder(body: unknown): RazorpayOrder;
  fetchOrder(orderId: string): RazorpayOrder;
  listOrders(query: { receipt?: string; count?: number; skip?: number }): RazorpayOrder[];
  orderPayments(orderId: string): RazorpayPayment[];
  fetchPayment(paymentId: string): RazorpayPayment;
  capture(paymentId: string, body: unknown): RazorpayPayment;
  refund(
    paymentId: string,
    body: unknown,
    idempotencyKey: string | undefined,
    inFlightDelayMs?: number,
  ): Promise<RazorpayRefund>;
  fetchRefund(refundId: string): RazorpayRefund;
  paymentRefunds(paymentId: string): RazorpayRefund[];
  /** What the checkout page does when the customer presses a button. */
  checkout(orderId: string, attempt: CheckoutAttempt): CheckoutResult;
  settleRefund(refundId: string, status: 'processed' | 'failed'): RazorpayRefund;
  setRefundSettlement(mode: 'instant' | 'manual'): void;
  addApiFault(fault: Omit<ApiFault, 'id'>): ApiFault;
  apiFaults(): ApiFault[];
  clearApiFaults(): void;
  /** The fault the next call of `operation` runs into, if any (consumed). */
  takeApiFault(operation: ApiOperation): ApiFault | undefined;
  reset(): void;
  close(): Promise<void>;
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
const refundFields = new Set(['amount', 'speed', 'notes', 'receipt']);
const refundKeyPattern = /^[A-Za-z0-9_-]{10,}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function rejectUnknownFields(body: Record<string, unknown>, allowed: Set<string>): void {
  const extra = Object.keys(body).filter((key) => !allowed.has(key));
  if (extra.length > 0)
    throw invalidInput(`${extra.join(', ')} is/are not required and should not be sent`, extra[0]);
}

function readAmount(value: unknown, field = 'amount'): number {
  if (value === undefined || value === null) throw invalidInput(`The ${field} field is required.`, field);
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidInput(`The ${field} must be an integer.`, field);
  if (value < 100) throw invalidInput(`The ${field} must be at least INR 1.00`, field);
  return value;
}

function readNotes(value: unknown): Record<string, string> {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return {};
  if (!isRecord(value)) throw invalidInput('The notes field must be an object.', 'notes');
  const entries = Object.entries(value);
  if (entries.length > 15)
    throw invalidInput('Number of fields in notes should be less than or equal to 15', 'notes');
  return Object.fromEntries(
    entries.map(([key, note]) => {
      if (typeof note !== 'string' && typeof note !== 'number')
        throw invalidInput(`The notes.${key} must be a string.`, 'notes');
      const text = String(note);
      if (text.length > 256)
        throw invalidInput(`The notes.${key} may not be greater than 256 characters.`, 'notes');
      return [key, text];
    }),
  );
}

function readReceipt(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidInput('The receipt must be a string.', 'receipt');
  if (value.length > 40) throw invalidInput('The receipt may not be greater than 40 characters.', 'receipt');
  return value;
}

/** Canonical JSON of a request, so a retried refund is recognised whatever its key order. */
function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  if (isRecord(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${fingerprint(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const emptyState = (): State => ({ orders: {}, payments: {}, refunds: {}, refundKeys: {} });

function loadState(file: string | undefined, logger: Logger | undefined): State {
  if (!file || !existsSync(file)) return emptyState();
  try {
    return { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<State>) };
  } catch (error) {
    logger?.warn({ err: error, file }, 'razorpay simulator state unreadable; starting empty');
    return emptyState();
  }
}

/**
 * Razorpay as far as Zefy uses it: orders (created → attempted → paid), payments (authorized → captured,
 * or failed; auto-capture by default), refunds with X-Refund-Idempotency, and the webhooks each change
 * causes. Checkout is simulated by `checkout()`, which the HTML page and the control API call.
 */
export function createRazorpaySimulator(options: SimulatorOptions): RazorpaySimulator {
  const now = options.now ?? Date.now;
  const seconds = () => Math.floor(now() / 1000);
  const { keys, logger } = options;
  let state = loadState(options.stateFile, logger);
  let refundSettlement = options.refundSettlement ?? 'instant';
  let apiFaults: ApiFault[] = [];
  const refundsInFlight = new Set<string>();
  const baseSettings = defaultWebhookSettings(keys.webhookSecret);
  const webhooks = createWebhookDispatcher({
    settings: {
      ...baseSettings,
      ...options.webhook,
      retry: { ...baseSettings.retry, ...options.webhook?.retry },
    },
    accountId: `acc_${keys.keyId
      .replace(/^rzp_(test|live)_/, '')
      .slice(0, 14)
      .padEnd(14, '0')}`,
    now,
    ...(logger ? { logger } : {}),
  });

  let saveTimer: NodeJS.Timeout | null = null;
  const saveNow = () => {
    if (!options.stateFile) return;
    mkdirSync(path.dirname(options.stateFile), { recursive: true });
    writeFileSync(options.stateFile, JSON.stringify(state));
  };
  const save = () => {
    if (!options.stateFile || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      saveNow();
    }, 50);
    saveTimer.unref();
  };

  const orderEntity = (order: StoredOrder): RazorpayOrder => ({
    ...order.entity,
    notes: notesOut(order.notes),
  });
  const paymentEntity = (payment: StoredPayment): RazorpayPayment => ({
    ...payment.entity,
    notes: notesOut(payment.notes),
  });
  const refundEntity = (refund: StoredRefund): RazorpayRefund => ({
    ...refund.entity,
    notes: notesOut(refund.notes),
  });

  function orderNamed(orderId: string): StoredOrder {
    const order = state.orders[orderId];
    if (!order) throw notFound();
    return order;
  }
  function paymentNamed(paymentId: string): StoredPayment {
    const payment = state.payments[paymentId];
    if (!payment) throw notFound();
    return payment;
  }

  const paymentEvent = (name: RazorpayWebhookEventName, payment: StoredPayment): NewWebhookEvent => ({
    name,
    contains: ['payment'],
    payload: { payment: { entity: paymentEntity(payment) } },
    refs: { orderId: payment.entity.order_id, paymentId: payment.entity.id, refundId: null },
  });
  const refundEvent = (name: RazorpayWebhookEventName, refund: StoredRefund): NewWebhookEvent => {
    const payment = paymentNamed(refund.entity.payment_id);
    return {
      name,
      contains: ['refund', 'payment'],
      payload: { refund: { entity: refundEntity(refund) }, payment: { entity: paymentEntity(payment) } },
      refs: { orderId: payment.entity.order_id, paymentId: payment.entity.id, refundId: refund.entity.id },
    };
  };

  /** Marks the payment captured and its order paid; the events it causes are appended to `events`. */
  function captureNow(payment: StoredPayment, events: NewWebhookEvent[]): void {
    const fee = Math.round(payment.entity.amount * 0.02);
    payment.entity = {
      ...payment.entity,
      status: 'captured',
      captured: true,
      fee,
      tax: Math.round(fee * 0.18),
    };
    events.push(paymentEvent('payment.captured', payment));
    const order = payment.entity.order_id ? state.orders[payment.entity.order_id] : undefined;
    if (order) {
      const paid = order.entity.amount_paid + payment.entity.amount;
      order.entity = {
        ...order.entity,
        amount_paid: paid,
        amount_due: Math.max(order.entity.amount - paid, 0),
        status: 'paid',
      };
      events.push({
        name: 'order.paid',
        contains: ['payment', 'order'],
        payload: { payment: { entity: paymentEntity(payment) }, order: { entity: orderEntity(order) } },
        refs: { orderId: order.entity.id, paymentId: payment.entity.id, refundId: null },
      });
    }
  }

  function processRefund(
    refund: StoredRefund,
    status: 'processed' | 'failed',
    events: NewWebhookEvent[],
  ): void {
    refund.entity = {
      ...refund.entity,
      status,
      speed_processed: status === 'processed' ? 'normal' : null,
      acquirer_data: status === 'processed' ? { arn: `ARN${refund.entity.id.slice(5)}` } : {},
    };
    if (status === 'failed') {
      const payment = paymentNamed(refund.entity.payment_id);
      const refunded = payment.entity.amount_refunded - refund.entity.amount;
      payment.entity = {
        ...payment.entity,
        amount_refunded: refunded,
        refund_status: refunded === 0 ? null : 'partial',
        status: 'captured',
      };
    }
    events.push(refundEvent(`refund.${status}`, refund));
  }

  function newPayment(
    order: StoredOrder,
    attempt: CheckoutAttempt,
    status: 'authorized' | 'failed',
  ): StoredPayment {
    const method = attempt.method ?? 'upi';
    const id = randomId('pay_');
    const isFailed = status === 'failed';
    return {
      notes: {},
      entity: {
        id,
        entity: 'payment',
        amount: attempt.amount ?? order.entity.amount_due,
        currency: order.entity.currency,
        status,
        order_id: order.entity.id,
        invoice_id: null,
        international: false,
        method,
        amount_refunded: 0,
        refund_status: null,
        captured: false,
        description: 'Zefy booking',
        card_id: method === 'card' ? randomId('card_') : null,
        bank: method === 'netbanking' ? 'HDFC' : null,
        wallet: method === 'wallet' ? 'paytm' : null,
        vpa: method === 'upi' ? (isFailed ? 'failure@razorpay' : 'success@razorpay') : null,
        email: 'customer@example.com',
        contact: '+919000090000',
        notes: [],
        fee: null,
        tax: null,
        error_code: isFailed ? 'BAD_REQUEST_ERROR' : null,
        error_description: isFailed ? 'Payment failed' : null,
        error_source: isFailed ? 'bank' : null,
        error_step: isFailed ? 'payment_authorization' : null,
        error_reason: isFailed ? 'payment_failed' : null,
        acquirer_data: isFailed ? {} : { rrn: String(100_000_000_000 + Math.floor(Math.random() * 1e11)) },
        created_at: seconds(),
      },
    };
  }

  return {
    keys,
    webhooks,

    isAuthorized(keyId, keySecret) {
      return keyId === keys.keyId && keySecret === keys.keySecret;
    },

    createOrder(body) {
      if (!isRecord(body)) throw invalidInput('The request body must be a JSON object.');
      rejectUnknownFields(body, orderFields);
      const amount = readAmount(body.amount);
      if (body.currency === undefined) throw invalidInput('The currency field is required.', 'currency');
      if (body.currency !== 'INR') throw invalidInput('The currency provided is not supported.', 'currency');
      const receipt = readReceipt(body.receipt);
      const notes = readNotes(body.notes);
      const payment = body.payment;
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
          created_at: seconds(),
        },
      };
      state.orders[order.entity.id] = order;
      save();
      return orderEntity(order);
    },

    fetchOrder: (orderId) => orderEntity(orderNamed(orderId)),

    listOrders(query) {
      const count = Math.min(Math.max(query.count ?? 10, 1), 100);
      return Object.values(state.orders)
        .filter((order) => query.receipt === undefined || order.entity.receipt === query.receipt)
        .sort((a, b) => b.entity.created_at - a.entity.created_at)
        .slice(query.skip ?? 0, (query.skip ?? 0) + count)
        .map(orderEntity);
    },

    orderPayments(orderId) {
      orderNamed(orderId);
      return Object.values(state.payments)
        .filter((payment) => payment.entity.order_id === orderId)
        .map(paymentEntity);
    },

    fetchPayment: (paymentId) => paymentEntity(paymentNamed(paymentId)),

    capture(paymentId, body) {
      const payment = paymentNamed(paymentId);
      if (!isRecord(body)) throw invalidInput('The request body must be a JSON object.');
      const amount = readAmount(body.amount);
      if (body.currency === undefined) throw invalidInput('The currency field is required.', 'currency');
      if (payment.entity.status === 'captured' || payment.entity.status === 'refunded')
        throw invalidInput('This payment has already been captured');
      if (payment.entity.status !== 'authorized')
        throw invalidInput('Only payments which have been authorized and not yet captured can be captured');
      if (amount !== payment.entity.amount)
        throw invalidInput('Capture amount must be equal to the amount authorized', 'amount');
      if (body.currency !== payment.entity.currency)
        throw invalidInput('Currency should be same as that of the payment', 'currency');
      const events: NewWebhookEvent[] = [];
      captureNow(payment, events);
      save();
      webhooks.emit(events);
      return paymentEntity(payment);
    },

    async refund(paymentId, body, idempotencyKey, inFlightDelayMs = 0) {
      if (idempotencyKey !== undefined && !refundKeyPattern.test(idempotencyKey))
        throw invalidInput(
          'The X-Refund-Idempotency header must be at least 10 characters of letters, digits, - and _',
          'X-Refund-Idempotency',
        );
      const print = fingerprint({ paymentId, body: body ?? {} });
      if (idempotencyKey !== undefined) {
        if (refundsInFlight.has(idempotencyKey))
          throw new SimError(409, 'A request with the same idempotency key is being processed', {
            code: 'BAD_REQUEST_ERROR',
          });
        const known = state.refundKeys[idempotencyKey];
        if (known) {
          if (known.fingerprint !== print)
            throw invalidInput('Different request with the same idempotency key has already been processed.');
          return refundEntity(state.refunds[known.refundId] as StoredRefund);
        }
        refundsInFlight.add(idempotencyKey);
      }
      try {
        if (inFlightDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, inFlightDelayMs));
        const payment = paymentNamed(paymentId);
        if (!isRecord(body ?? {})) throw invalidInput('The request body must be a JSON object.');
        const input = (body ?? {}) as Record<string, unknown>;
        rejectUnknownFields(input, refundFields);
        if (payment.entity.status !== 'captured' && payment.entity.status !== 'refunded')
          throw invalidInput('Payment has not been captured yet, so it cannot be refunded');
        const remaining = payment.entity.amount - payment.entity.amount_refunded;
        if (remaining === 0) throw invalidInput('The payment has been fully refunded already');
        const amount = input.amount === undefined ? remaining : readAmount(input.amount);
        if (amount > remaining)
          throw invalidInput('The refund amount provided is greater than amount captured', 'amount');
        if (input.speed !== undefined && input.speed !== 'normal' && input.speed !== 'optimum')
          throw invalidInput('The speed must be normal or optimum.', 'speed');
        const refund: StoredRefund = {
          notes: readNotes(input.notes),
          entity: {
            id: randomId('rfnd_'),
            entity: 'refund',
            amount,
            currency: payment.entity.currency,
            payment_id: paymentId,
            notes: [],
            receipt: readReceipt(input.receipt),
            acquirer_data: {},
            created_at: seconds(),
            batch_id: null,
            status: 'pending',
            speed_processed: null,
            speed_requested: typeof input.speed === 'string' ? input.speed : 'normal',
          },
        };
        const refunded = payment.entity.amount_refunded + amount;
        const isFull = refunded === payment.entity.amount;
        payment.entity = {
          ...payment.entity,
          amount_refunded: refunded,
          refund_status: isFull ? 'full' : 'partial',
          status: isFull ? 'refunded' : 'captured',
        };
        state.refunds[refund.entity.id] = refund;
        const events = [refundEvent('refund.created', refund)];
        if (refundSettlement === 'instant') processRefund(refund, 'processed', events);
        if (idempotencyKey !== undefined)
          state.refundKeys[idempotencyKey] = { fingerprint: print, refundId: refund.entity.id };
        save();
        webhooks.emit(events);
        return refundEntity(refund);
      } finally {
        if (idempotencyKey !== undefined) refundsInFlight.delete(idempotencyKey);
      }
    },

    fetchRefund(refundId) {
      const refund = state.refunds[refundId];
      if (!refund) throw notFound();
      return refundEntity(refund);
    },

    paymentRefunds(paymentId) {
      paymentNamed(paymentId);
      return Object.values(state.refunds)
        .filter((refund) => refund.entity.payment_id === paymentId)
        .map(refundEntity);
    },

    checkout(orderId, attempt) {
      const order = orderNamed(orderId);
      if (order.entity.status === 'paid') throw invalidInput('This order has already been paid');
      if (attempt.outcome === 'abandon') {
        return {
          outcome: 'abandon',
          error: {
            code: 'BAD_REQUEST_ERROR',
            description: 'Payment processing cancelled by user',
            source: 'customer',
            step: 'payment_authentication',
            reason: 'payment_cancelled',
            metadata: { order_id: orderId },
          },
        };
      }
      if (attempt.amount !== undefined && (!Number.isInteger(attempt.amount) || attempt.amount < 100))
        throw invalidInput('The amount must be at least INR 1.00', 'amount');
      const payment = newPayment(order, attempt, attempt.outcome === 'success' ? 'authorized' : 'failed');
      state.payments[payment.entity.id] = payment;
      order.entity = { ...order.entity, status: 'attempted', attempts: order.entity.attempts + 1 };
      if (attempt.outcome === 'failure') {
        save();
        webhooks.emit([paymentEvent('payment.failed', payment)]);
        return {
          outcome: 'failure',
          payment: paymentEntity(payment),
          error: {
            code: 'BAD_REQUEST_ERROR',
            description: 'Payment failed',
            source: 'bank',
            step: 'payment_authorization',
            reason: 'payment_failed',
            metadata: { order_id: orderId, payment_id: payment.entity.id },
          },
        };
      }
      const events = [paymentEvent('payment.authorized', payment)];
      if ((attempt.capture ?? order.capture) === 'automatic') captureNow(payment, events);
      save();
      webhooks.emit(events);
      return {
        outcome: 'success',
        payment: paymentEntity(payment),
        callback: {
          razorpay_payment_id: payment.entity.id,
          razorpay_order_id: orderId,
          razorpay_signature: checkoutSignature(keys.keySecret, orderId, payment.entity.id),
        },
      };
    },

    settleRefund(refundId, status) {
      const refund = state.refunds[refundId];
      if (!refund) throw notFound();
      if (refund.entity.status !== 'pending')
        throw invalidInput(`The refund is already ${refund.entity.status}`);
      const events: NewWebhookEvent[] = [];
      processRefund(refund, status, events);
      save();
      webhooks.emit(events);
      return refundEntity(refund);
    },

    setRefundSettlement(mode) {
      refundSettlement = mode;
    },

    addApiFault(fault) {
      const added = { ...fault, id: randomId('fault_') };
      apiFaults.push(added);
      return { ...added };
    },
    apiFaults: () => apiFaults.map((fault) => ({ ...fault })),
    clearApiFaults() {
      apiFaults = [];
    },
    takeApiFault(operation) {
      const fault = apiFaults.find(
        (candidate) =>
          (candidate.operation === operation || candidate.operation === 'any') &&
          (candidate.remaining === null || candidate.remaining > 0),
      );
      if (fault && fault.remaining !== null) fault.remaining -= 1;
      return fault;
    },

    reset() {
      state = emptyState();
      apiFaults = [];
      refundSettlement = options.refundSettlement ?? 'instant';
      webhooks.reset();
      save();
    },

    async close() {
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = null;
        saveNow();
      }
      await webhooks.close();
    },
  };
}
