import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SimError } from './errors.ts';
import type { ApiOperation } from './faults.ts';
import type { RazorpaySimulator } from './simulator.ts';

function credentials(request: FastifyRequest): { keyId: string; keySecret: string } | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { keyId: decoded.slice(0, colon), keySecret: decoded.slice(colon + 1) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const collection = <T>(items: T[]) => ({ entity: 'collection', count: items.length, items });

/** Razorpay's REST subset (mounted under `/v1`): HTTP Basic auth with the key id and secret. */
export function apiRoutes(sim: RazorpaySimulator) {
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

  return async function routes(api: FastifyInstance): Promise<void> {
    api.addHook('onRequest', async (request, reply) => {
      const given = credentials(request);
      if (!given || !sim.isAuthorized(given.keyId, given.keySecret)) {
        return reply
          .code(401)
          .send(new SimError(401, 'The api key provided is invalid', { code: 'BAD_REQUEST_ERROR' }).toBody());
      }
    });
    api.post('/orders', (request, reply) =>
      operate('create_order', reply, () => sim.createOrder(request.body)),
    );
    api.get('/orders', (request, reply) =>
      operate('list_orders', reply, () => {
        const query = request.query as Record<string, string | undefined>;
        return collection(
          sim.listOrders({
            ...(query.receipt !== undefined ? { receipt: query.receipt } : {}),
            ...(query.count !== undefined ? { count: Number(query.count) } : {}),
            ...(query.skip !== undefined ? { skip: Number(query.skip) } : {}),
          }),
        );
      }),
    );
    api.get<{ Params: { id: string } }>('/orders/:id', (request, reply) =>
      operate('fetch_order', reply, () => sim.fetchOrder(request.params.id)),
    );
    api.get<{ Params: { id: string } }>('/orders/:id/payments', (request, reply) =>
      operate('order_payments', reply, () => collection(sim.orderPayments(request.params.id))),
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
    api.get<{ Params: { id: string } }>('/payments/:id/refunds', (request) =>
      collection(sim.paymentRefunds(request.params.id)),
    );
    api.get<{ Params: { id: string } }>('/refunds/:id', (request, reply) =>
      operate('fetch_refund', reply, () => sim.fetchRefund(request.params.id)),
    );
  };
}
