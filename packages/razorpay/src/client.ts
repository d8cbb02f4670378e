import type { Static, TSchema } from 'typebox';
import Value from 'typebox/value';
import {
  RazorpayCollection,
  RazorpayErrorBody,
  RazorpayOrder,
  RazorpayPayment,
  RazorpayRefund,
} from './entities.ts';

/** Razorpay answered with an error it means (4xx other than 409/429): retrying the same call will not help. */
export class RazorpayApiError extends Error {
  override name = 'RazorpayApiError';
  constructor(
    readonly status: number,
    readonly error: RazorpayErrorBody['error'],
  ) {
    super(`Razorpay ${status} ${error.code}: ${error.description}`);
  }
}

/** No usable answer: network failure, timeout, 5xx, 429, or 409 (a refund with this key is in flight). */
export class RazorpayUnavailableError extends Error {
  override name = 'RazorpayUnavailableError';
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A 2xx whose body is not the entity Razorpay documents. */
export class RazorpayProtocolError extends Error {
  override name = 'RazorpayProtocolError';
}

export interface RazorpayClientOptions {
  /** `https://api.razorpay.com`, or a simulator speaking the same API. */
  baseUrl: string;
  keyId: string;
  keySecret: string;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts for calls that are safe to repeat (reads, and refunds thanks to their idempotency key). Default 2. */
  retries?: number;
  /** Delay before the first retry, doubled each time, with jitter. Default 200 ms. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
}

export interface NewRazorpayOrder {
  amount: number;
  currency: string;
  receipt: string;
  notes?: Record<string, string>;
  payment?: { capture: 'automatic' | 'manual' };
}

export interface NewRazorpayRefund {
  /** Omit for a full refund of what remains. */
  amount?: number;
  speed?: 'normal' | 'optimum';
  notes?: Record<string, string>;
  receipt?: string;
}

export interface RazorpayClient {
  readonly keyId: string;
  createOrder(order: NewRazorpayOrder): Promise<RazorpayOrder>;
  fetchOrder(orderId: string): Promise<RazorpayOrder>;
  /** Orders created with this receipt: how a create whose answer was lost is found again. */
  findOrdersByReceipt(receipt: string): Promise<RazorpayOrder[]>;
  fetchOrderPayments(orderId: string): Promise<RazorpayPayment[]>;
  fetchPayment(paymentId: string): Promise<RazorpayPayment>;
  capturePayment(paymentId: string, amount: number, currency: string): Promise<RazorpayPayment>;
  /** `idempotencyKey` goes out as X-Refund-Idempotency: a retry with it returns the same refund. */
  refundPayment(
    paymentId: string,
    refund: NewRazorpayRefund,
    idempotencyKey: string,
  ): Promise<RazorpayRefund>;
  fetchRefund(refundId: string): Promise<RazorpayRefund>;
}

interface Call<T extends TSchema> {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  response: T;
  isRepeatable: boolean;
}

const retryable = (status: number) => status === 409 || status === 429 || status >= 500;

/**
 * Our own client of Razorpay's REST API (the official SDK hard-codes its host, so it cannot be pointed at
 * the simulator, and cannot send X-Refund-Idempotency). Responses are validated against the documented
 * entities; `[]` notes are accepted.
 */
export function createRazorpayClient(options: RazorpayClientOptions): RazorpayClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.keyId}:${options.keySecret}`).toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const doFetch = options.fetch ?? fetch;

  async function attempt<T extends TSchema>(call: Call<T>): Promise<Static<T>> {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${baseUrl}${call.path}`, {
        method: call.method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...call.headers,
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new RazorpayUnavailableError(
        `Razorpay ${call.method} ${call.path} failed: ${(error as Error).message}`,
        null,
        { cause: error },
      );
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.ok) {
      if (!Value.Check(call.response, json)) {
        const problem = [...Value.Errors(call.response, json)][0];
        throw new RazorpayProtocolError(
          `Razorpay ${call.method} ${call.path} answered an unexpected body (${problem?.instancePath || '/'} ${problem?.message ?? ''})`,
        );
      }
      return json;
    }
    if (retryable(response.status))
      throw new RazorpayUnavailableError(
        `Razorpay ${call.method} ${call.path} answered ${response.status}`,
        response.status,
      );
    const error = Value.Check(RazorpayErrorBody, json)
      ? json.error
      : { code: 'UNKNOWN_ERROR', description: text.slice(0, 200) || `HTTP ${response.status}` };
    throw new RazorpayApiError(response.status, error);
  }

  async function request<T extends TSchema>(call: Call<T>): Promise<Static<T>> {
    const attempts = call.isRepeatable ? retries + 1 : 1;
    for (let index = 1; ; index++) {
      try {
        return await attempt(call);
      } catch (error) {
        if (!(error instanceof RazorpayUnavailableError) || index >= attempts) throw error;
        const delay = retryDelayMs * 2 ** (index - 1);
        await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * (delay / 2)));
      }
    }
  }

  const id = (value: string) => encodeURIComponent(value);
  const Orders = RazorpayCollection(RazorpayOrder);
  const Payments = RazorpayCollection(RazorpayPayment);

  return {
    keyId: options.keyId,
    createOrder: (order) =>
      request({
        method: 'POST',
        path: '/v1/orders',
        body: order,
        response: RazorpayOrder,
        isRepeatable: false,
      }),
    fetchOrder: (orderId) =>
      request({
        method: 'GET',
        path: `/v1/orders/${id(orderId)}`,
        response: RazorpayOrder,
        isRepeatable: true,
      }),
    async findOrdersByReceipt(receipt) {
      const page = await request({
        method: 'GET',
        path: `/v1/orders?receipt=${id(receipt)}&count=100`,
        response: Orders,
        isRepeatable: true,
      });
      return page.items;
    },
    async fetchOrderPayments(orderId) {
      const page = await request({
        method: 'GET',
        path: `/v1/orders/${id(orderId)}/payments`,
        response: Payments,
        isRepeatable: true,
      });
      return page.items;
    },
    fetchPayment: (paymentId) =>
      request({
        method: 'GET',
        path: `/v1/payments/${id(paymentId)}`,
        response: RazorpayPayment,
        isRepeatable: true,
      }),
    capturePayment: (paymentId, amount, currency) =>
      request({
        method: 'POST',
        path: `/v1/payments/${id(paymentId)}/capture`,
        body: { amount, currency },
        response: RazorpayPayment,
        isRepeatable: false,
      }),
    refundPayment: (paymentId, refund, idempotencyKey) =>
      request({
        method: 'POST',
        path: `/v1/payments/${id(paymentId)}/refund`,
        body: refund,
        headers: { 'x-refund-idempotency': idempotencyKey },
        response: RazorpayRefund,
        isRepeatable: true,
      }),
    fetchRefund: (refundId) =>
      request({
        method: 'GET',
        path: `/v1/refunds/${id(refundId)}`,
        response: RazorpayRefund,
        isRepeatable: true,
      }),
  };
}
