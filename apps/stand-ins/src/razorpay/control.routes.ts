import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { invalidInput } from './errors.ts';
import { apiOperations } from './faults.ts';
import type { RazorpaySimulator } from './simulator.ts';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

const IdParams = Type.Object({ id: Type.String() });
type IdParams = Static<typeof IdParams>;

const PayBody = Type.Object(
  {
    outcome: literals(['success', 'failure', 'abandon']),
    amount: Type.Optional(Type.Integer()),
    method: Type.Optional(literals(['upi', 'card', 'netbanking', 'wallet'])),
    capture: Type.Optional(literals(['automatic', 'manual'])),
  },
  { additionalProperties: false },
);

const SettleBody = Type.Object({ status: literals(['processed', 'failed']) });
const SettlementBody = Type.Object({ mode: literals(['instant', 'manual']) });

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

/** `count` faults (all until cleared when absent) of a `mode`, waiting `delayMs` where it delays. */
const faultFields = {
  count: Type.Optional(Type.Integer({ minimum: 1 })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0 })),
};

const WebhookFaultBody = Type.Object(
  {
    mode: literals(['duplicate', 'reverse', 'delay', 'never', 'hold']),
    events: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    ...faultFields,
  },
  { additionalProperties: false },
);

const ApiFaultBody = Type.Object(
  {
    operation: literals([...apiOperations, 'any']),
    mode: literals(['fail', 'lose_response', 'delay']),
    ...faultFields,
  },
  { additionalProperties: false },
);

const ReleaseBody = Type.Optional(Type.Object({ order: Type.Optional(literals(['fifo', 'reverse'])) }));

/** The control API (mounted under `/control`, no auth: development only): what Razorpay does not do on demand. */
export function controlRoutes(sim: RazorpaySimulator) {
  const withoutSecret = <T extends { secret: string }>({ secret: _secret, ...rest }: T) => rest;

  return async function routes(control: FastifyInstance): Promise<void> {
    control.get('/', { schema: { hide: true } }, async () => ({
      keyId: sim.keys.keyId,
      webhook: withoutSecret(sim.webhooks.settings()),
      webhookFaults: sim.webhooks.faults(),
      apiFaults: sim.apiFaults(),
    }));
    control.post('/reset', { schema: { hide: true } }, async (_request, reply) => {
      sim.reset();
      return reply.code(204).send();
    });

    control.get('/orders/:id', { schema: { hide: true, params: IdParams } }, async (request) => {
      const { id } = request.params as IdParams;
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
      async (request) =>
        sim.checkout((request.params as IdParams).id, request.body as Static<typeof PayBody>),
    );

    control.post(
      '/refunds/:id/settle',
      { schema: { hide: true, params: IdParams, body: SettleBody } },
      async (request) =>
        sim.settleRefund((request.params as IdParams).id, (request.body as Static<typeof SettleBody>).status),
    );
    control.put('/refunds/settlement', { schema: { hide: true, body: SettlementBody } }, async (request) => {
      const { mode } = request.body as Static<typeof SettlementBody>;
      sim.setRefundSettlement(mode);
      return { mode };
    });

    control.get('/webhooks', { schema: { hide: true } }, async () => ({
      settings: withoutSecret(sim.webhooks.settings()),
      faults: sim.webhooks.faults(),
    }));
    control.put('/webhooks', { schema: { hide: true, body: WebhookSettingsPatch } }, async (request) =>
      withoutSecret(sim.webhooks.update(request.body as Static<typeof WebhookSettingsPatch>)),
    );
    control.post(
      '/webhooks/faults',
      { schema: { hide: true, body: WebhookFaultBody } },
      async (request, reply) => {
        const { count, delayMs, events, mode } = request.body as Static<typeof WebhookFaultBody>;
        return reply.code(201).send(
          sim.webhooks.addFault({
            mode,
            events: events ?? null,
            remaining: count ?? null,
            delayMs: delayMs ?? 0,
          }),
        );
      },
    );
    control.delete('/webhooks/faults', { schema: { hide: true } }, async (_request, reply) => {
      sim.webhooks.clearFaults();
      return reply.code(204).send();
    });
    control.post('/webhooks/release', { schema: { hide: true, body: ReleaseBody } }, async (request) => ({
      released: sim.webhooks.release((request.body as Static<typeof ReleaseBody>)?.order ?? 'fifo'),
    }));

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
      const event = sim.webhooks.replay((request.params as IdParams).id);
      if (!event) throw invalidInput('No event with this id');
      return event;
    });

    control.post('/api-faults', { schema: { hide: true, body: ApiFaultBody } }, async (request, reply) => {
      const { count, delayMs, mode, operation } = request.body as Static<typeof ApiFaultBody>;
      return reply
        .code(201)
        .send(sim.addApiFault({ operation, mode, remaining: count ?? null, delayMs: delayMs ?? 0 }));
    });
    control.delete('/api-faults', { schema: { hide: true } }, async (_request, reply) => {
      sim.clearApiFaults();
      return reply.code(204).send();
    });
  };
}
