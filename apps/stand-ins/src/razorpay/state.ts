import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@zefy/platform';
import { notesOut, type RazorpayOrder, type RazorpayPayment, type RazorpayRefund } from '@zefy/razorpay';
import { notFound } from './errors.ts';
import type { SimulatorKeys } from './keys.ts';
import type { WebhookDispatcher } from './webhooks.ts';

export interface StoredOrder {
  entity: RazorpayOrder;
  notes: Record<string, string>;
  capture: 'automatic' | 'manual';
}

export interface StoredPayment {
  entity: RazorpayPayment;
  notes: Record<string, string>;
}

export interface StoredRefund {
  entity: RazorpayRefund;
  notes: Record<string, string>;
}

/** A refund idempotency key, kept once its refund exists; a failed request leaves no key behind. */
export interface RefundKey {
  fingerprint: string;
  refundId: string;
}

/** The account's orders, payments and refunds: what survives a restart. */
export interface SimState {
  orders: Record<string, StoredOrder>;
  payments: Record<string, StoredPayment>;
  refunds: Record<string, StoredRefund>;
  refundKeys: Record<string, RefundKey>;
}

/** What every part of the simulator works on: the account's state, keys and webhooks, and its clock. */
export interface SimContext {
  keys: SimulatorKeys;
  state: SimState;
  webhooks: WebhookDispatcher;
  /** Now in Unix seconds, as Razorpay's `created_at`. */
  seconds(): number;
  /** Persists the state soon; changes made in one tick are written once. */
  save(): void;
}

export interface StateStore {
  /** The same object for the simulator's life: `clear` empties it in place. */
  readonly state: SimState;
  save(): void;
  clear(): void;
  /** Writes a save still pending, before the process ends. */
  flush(): void;
}

const emptyState = (): SimState => ({ orders: {}, payments: {}, refunds: {}, refundKeys: {} });

function loadState(file: string | undefined, logger: Logger | undefined): SimState {
  if (!file || !existsSync(file)) return emptyState();
  try {
    return { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<SimState>) };
  } catch (error) {
    logger?.warn({ err: error, file }, 'razorpay simulator state unreadable; starting empty');
    return emptyState();
  }
}

/** The state, kept in `file` (JSON) when given, in memory only otherwise. */
export function openStateStore(file: string | undefined, logger?: Logger): StateStore {
  const state = loadState(file, logger);
  let saveTimer: NodeJS.Timeout | null = null;
  const saveNow = () => {
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(state));
  };
  const save = () => {
    if (!file || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      saveNow();
    }, 50);
    saveTimer.unref();
  };
  return {
    state,
    save,
    clear() {
      Object.assign(state, emptyState());
      save();
    },
    flush() {
      if (!saveTimer) return;
      clearTimeout(saveTimer);
      saveTimer = null;
      saveNow();
    },
  };
}

export const orderEntity = (order: StoredOrder): RazorpayOrder => ({
  ...order.entity,
  notes: notesOut(order.notes),
});
export const paymentEntity = (payment: StoredPayment): RazorpayPayment => ({
  ...payment.entity,
  notes: notesOut(payment.notes),
});
export const refundEntity = (refund: StoredRefund): RazorpayRefund => ({
  ...refund.entity,
  notes: notesOut(refund.notes),
});

export function orderNamed(state: SimState, orderId: string): StoredOrder {
  const order = state.orders[orderId];
  if (!order) throw notFound();
  return order;
}

export function paymentNamed(state: SimState, paymentId: string): StoredPayment {
  const payment = state.payments[paymentId];
  if (!payment) throw notFound();
  return payment;
}

export function refundNamed(state: SimState, refundId: string): StoredRefund {
  const refund = state.refunds[refundId];
  if (!refund) throw notFound();
  return refund;
}
