import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { checkoutErrorPage, checkoutPage } from './checkout-page.ts';
import { invalidInput, SimError } from './errors.ts';
import type { ApiOperation, CheckoutAttempt, RazorpaySimulator } from './simulator.ts';

const operations = [
  'create_order',
  'list_orders',
  'fetch_order',
  'order_payments',
  'fetch_payment',
  'capture',
  'refund',
  'fetch_refund',
] as const;

const WebhookSettingsPatch = Type.Object(
  {
    url: Type.Optional(Type.Union([Type.String({ pattern: '^https?://' }), Type.Null()])),
    isEnabled: Type.Optional(Type.Boolean()),
    secret: Type.Optional(Type.String({ minLength: 1 })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
    retry: Type.Optional(
      Type.Object(
        {
          initialDelayMs: Type.Optional(Type.Integer({ minimum: 1 })),
          maxDelayMs: Type.Optional(Type.Integer({ minimum: 1 })),
          windowMs: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const WebhookFaultBody = Type.Object(
  {
    mode: Type.Union(['duplicate', 'reverse', 'delay', 'never', 'hold'].map((mode) => Type.Literal(mode))),
    events: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    count: Type.Optional(Type.Integer({ minimum: 1 })),
    delayMs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const ApiFaultBody = Type.Object(
  {
    operation: Type.Union([...operations, 'any'].map((operation) => Type.Literal(operation))),
    mode: Type.Union([Type.Literal('fail'), Type.Literal('lose_response'), Type.Literal('delay')]),
    count: Type.Optional(Type.Integer({ minimum: 1 })),
    delayMs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const PayBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('abandon')]),
    amount: Type.Optional(Type.Integer()),
    method: Type.Optional(
      Type.Union(['upi', 'card', 'netbanking', 'wallet'].map((method) => Type.Literal(method))),
    ),
    capture: Type.Optional(Type.Union([Type.Literal('automatic'), Type.Literal('manual')])),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.String() });

function credentials(request: FastifyRequest): { keyId: string; keySecret: string } | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { keyId: decoded.slice(0, colon), keySecret: decoded.slice(colon + 1) };
}

/** Only paths on this host or http(s) URLs: a `javascript:` callback would run in the checkout page. */
function isSafeCallback(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

function withParams(callbackUrl: string, params: Record<string, string>): string {
  const isRelative = callbackUrl.startsWith('/');
  const url = new URL(callbackUrl, 'http://relative.invalid');
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return isRelative ? `${url.pathname}${url.search}${url.hash}` : url.toString();
}

const errorParams = (error: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(error).map(([key, value]) => [
      `error[${key}]`,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The simulator's HTTP face, mountable under any prefix: Razorpay's REST subset under `/v1` (HTTP Basic
 * auth, Razorpay error bodies), the checkout page under `/checkout`, and the control API under `/control`.
 */
export function razorpaySimRoutes(sim: RazorpaySimulator) {
  return async function routes(scope: FastifyInstance): Promise<void> {
    // not Zefy's API: kept out of the gateway's OpenAPI document (and its access-rule checks)
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.setErrorHandler((error: FastifyError | SimError, request, reply) => {
      if (error instanceof SimError) return reply.code(error.status).send(error.toBody());
      const fastifyError = error as FastifyError;
      const status = fastifyError.statusCode && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'razorpay simulator failed');
      const simError = new SimError(
        status,
        status >= 500 ? 'The server encountered an error' : error.message,
      );
      return reply.code(status).send(simError.toBody());
    });
    scope.setNotFoundHandler((_request, reply) =>
      reply.code(404).send(invalidInput('The requested URL was not found on the server.').toBody()),
    );

    /** Runs an API call through the scripted faults of its operation. */
    async function operate<T>(
      operation: ApiOperation,
      reply: FastifyReply,
      work: (inFlightDelayMs: number) => T | Promise<T>,
    ): Promise<T | FastifyReply> {
      const fault = sim.takeApiFault(operation);
      if (fault?.mode === 'fail') throw new SimError(500, 'The server encountered an error');
      if (fault?.mode === 'delay' && operation !== 'refund') await sleep(fault.delayMs);
      const result = await work(fault?.mode === 'delay' ? fault.delayMs : 0);
      if (fault?.mode === 'lose_response') {
        reply.hijack();
        reply.raw.destroy();
        return reply;
      }
      return result;
    }

    await scope.register(
      async (api) => {
        api.addHook('onRequest', async (request, reply) => {
          const given = credentials(request);
          if (!given || !sim.isAuthorized(given.keyId, given.keySecret)) {
            return reply
              .code(401)
              .send(
                new SimError(401, 'The api key provided is invalid', { code: 'BAD_REQUEST_ERROR' }).toBody(),
              );
          }
        });
        api.post('/orders', (request, reply) =>
          operate('create_order', reply, () => sim.createOrder(request.body)),
        );
        api.get('/orders', (request, reply) =>
          operate('list_orders', reply, () => {
            const query = request.query as Record<string, string | undefined>;
            const items = sim.listOrders({
              ...(query.receipt !== undefined ? { receipt: query.receipt } : {}),
              ...(query.count !== undefined ? { count: Number(query.count) } : {}),
              ...(query.skip !== undefined ? { skip: Number(query.skip) } : {}),
            });
            return { entity: 'collection', count: items.length, items };
          }),
        );
        api.get<{ Params: { id: string } }>('/orders/:id', (request, reply) =>
          operate('fetch_order', reply, () => sim.fetchOrder(request.params.id)),
        );
        api.get<{ Params: { id: string } }>('/orders/:id/payments', (request, reply) =>
          operate('order_payments', reply, () => {
            const items = sim.orderPayments(request.params.id);
            return { entity: 'collection', count: items.length, items };
          }),
        );
        api.get<{ Params: { id: string } }>('/payments/:id', (request, reply) =>
          operate('fetch_payment', reply, () => sim.fetchPayment(request.params.id)),
        );
        api.post<{ Params: { id: string } }>('/payments/:id/capture', (request, reply) =>
          operate('capture', reply, () => sim.capture(request.params.id, request.body)),
        );
        api.post<{ Params: { id: string } }>('/payments/:id/refund', (request, reply) =>
          operate('refund', reply, (delayMs) => {
            const header = request.headers['x-refund-idempotency'];
            const key = Array.isArray(header) ? header[0] : header;
            return sim.refund(request.params.id, request.body, key, delayMs);
          }),
        );
        api.get<{ Params: { id: string } }>('/payments/:id/refunds', (request) => {
          const items = sim.paymentRefunds(request.params.id);
          return { entity: 'collection', count: items.length, items };
        });
        api.get<{ Params: { id: string } }>('/refunds/:id', (request, reply) =>
          operate('fetch_refund', reply, () => sim.fetchRefund(request.params.id)),
        );
      },
      { prefix: '/v1' },
    );

    function checkoutInput(source: Record<string, string | undefined>) {
      const orderId = source.order_id ?? '';
      const keyId = source.key_id ?? '';
      const callbackUrl = source.callback_url ?? '';
      if (keyId !== sim.keys.keyId) throw new Error('The key_id is not this account’s key id.');
      if (!isSafeCallback(callbackUrl)) throw new Error('callback_url must be a path or an http(s) URL.');
      return { orderId, keyId, callbackUrl };
    }

    scope.get('/checkout', { schema: { hide: true } }, async (request, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      try {
        const input = checkoutInput(request.query as Record<string, string | undefined>);
        const order = sim.fetchOrder(input.orderId);
        if (order.status === 'paid') throw new Error('This order has already been paid.');
        return checkoutPage({ order, keyId: input.keyId, callbackUrl: input.callbackUrl });
      } catch (error) {
        return reply.code(400).send(checkoutErrorPage((error as Error).message));
      }
    });

    scope.post('/checkout/pay', { schema: { hide: true } }, async (request, reply) => {
      const form = (request.body ?? {}) as Record<string, string | undefined>;
      let callbackUrl: string;
      let result: ReturnType<RazorpaySimulator['checkout']>;
      try {
        const input = checkoutInput(form);
        callbackUrl = input.callbackUrl;
        const outcome = form.outcome;
        if (outcome !== 'success' && outcome !== 'failure' && outcome !== 'abandon')
          throw new Error('Choose pay, fail or cancel.');
        const method = form.method as CheckoutAttempt['method'];
        result = sim.checkout(input.orderId, { outcome, ...(method ? { method } : {}) });
      } catch (error) {
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(checkoutErrorPage((error as Error).message));
      }
      const params =
        result.outcome === 'success'
          ? { ...result.callback }
          : { ...errorParams({ ...result.error }), razorpay_order_id: result.error.metadata.order_id };
      return reply.redirect(withParams(callbackUrl, params), 303);
    });

    await scope.register(
      async (control) => {
        control.get('/', { schema: { hide: true } }, async () => {
          const { secret: _secret, ...webhook } = sim.webhooks.settings();
          return {
            keyId: sim.keys.keyId,
            webhook,
            webhookFaults: sim.webhooks.faults(),
            apiFaults: sim.apiFaults(),
          };
        });
        control.post('/reset', { schema: { hide: true } }, async (_request, reply) => {
          sim.reset();
          return reply.code(204).send();
        });
        control.get('/orders/:id', { schema: { hide: true, params: IdParams } }, async (request) => {
          const { id } = request.params as { id: string };
          const payments = sim.orderPayments(id);
          return {
            order: sim.fetchOrder(id),
            payments,
            refunds: payments.flatMap((payment) => sim.paymentRefunds(payment.id)),
          };
        });
        control.post(
          '/orders/:id/pay',
          { schema: { hide: true, params: IdParams, body: PayBody } },
          async (request) => {
            const { id } = request.params as { id: string };
            const body = request.body as CheckoutAttempt;
            return sim.checkout(id, body);
          },
        );
        control.post(
          '/refunds/:id/settle',
          {
            schema: {
              hide: true,
              params: IdParams,
              body: Type.Object({ status: Type.Union([Type.Literal('processed'), Type.Literal('failed')]) }),
            },
          },
          async (request) => {
            const { id } = request.params as { id: string };
            return sim.settleRefund(id, (request.body as { status: 'processed' | 'failed' }).status);
          },
        );
        control.put(
          '/refunds/settlement',
          {
            schema: {
              hide: true,
              body: Type.Object({ mode: Type.Union([Type.Literal('instant'), Type.Literal('manual')]) }),
            },
          },
          async (request) => {
            const { mode } = request.body as { mode: 'instant' | 'manual' };
            sim.setRefundSettlement(mode);
            return { mode };
          },
        );
        control.get('/webhooks', { schema: { hide: true } }, async () => {
          const { secret: _secret, ...settings } = sim.webhooks.settings();
          return { settings, faults: sim.webhooks.faults() };
        });
        control.put('/webhooks', { schema: { hide: true, body: WebhookSettingsPatch } }, async (request) => {
          const { secret: _secret, ...settings } = sim.webhooks.update(
            request.body as Parameters<RazorpaySimulator['webhooks']['update']>[0],
          );
          return settings;
        });
        control.post(
          '/webhooks/faults',
          { schema: { hide: true, body: WebhookFaultBody } },
          async (request, reply) => {
            const body = request.body as {
              mode: 'duplicate' | 'reverse' | 'delay' | 'never' | 'hold';
              events?: string[];
              count?: number;
              delayMs?: number;
            };
            return reply.code(201).send(
              sim.webhooks.addFault({
                mode: body.mode,
                events: body.events ?? null,
                remaining: body.count ?? null,
                delayMs: body.delayMs ?? 0,
              }),
            );
          },
        );
        control.delete('/webhooks/faults', { schema: { hide: true } }, async (_request, reply) => {
          sim.webhooks.clearFaults();
          return reply.code(204).send();
        });
        control.post(
          '/webhooks/release',
          {
            schema: {
              hide: true,
              body: Type.Optional(
                Type.Object({
                  order: Type.Optional(Type.Union([Type.Literal('fifo'), Type.Literal('reverse')])),
                }),
              ),
            },
          },
          async (request) => ({
            released: sim.webhooks.release((request.body as { order?: 'fifo' | 'reverse' })?.order ?? 'fifo'),
          }),
        );
        control.get('/events', { schema: { hide: true } }, async (request) => {
          const query = request.query as Record<string, string | undefined>;
          const items = sim.webhooks
            .events()
            .filter(
              (event) =>
                (query.name === undefined || event.name === query.name) &&
                (query.orderId === undefined || event.refs.orderId === query.orderId) &&
                (query.paymentId === undefined || event.refs.paymentId === query.paymentId),
            );
          return { items };
        });
        control.post('/events/:id/replay', { schema: { hide: true, params: IdParams } }, async (request) => {
          const { id } = request.params as { id: string };
          const event = sim.webhooks.replay(id);
          if (!event) throw invalidInput('No event with this id');
          return event;
        });
        control.post(
          '/api-faults',
          { schema: { hide: true, body: ApiFaultBody } },
          async (request, reply) => {
            const body = request.body as {
              operation: ApiOperation | 'any';
              mode: 'fail' | 'lose_response' | 'delay';
              count?: number;
              delayMs?: number;
            };
            return reply.code(201).send(
              sim.addApiFault({
                operation: body.operation,
                mode: body.mode,
                remaining: body.count ?? null,
                delayMs: body.delayMs ?? 0,
              }),
            );
          },
        );
        control.delete('/api-faults', { schema: { hide: true } }, async (_request, reply) => {
          sim.clearApiFaults();
          return reply.code(204).send();
        });
      },
      { prefix: '/control' },
    );
  };
}
