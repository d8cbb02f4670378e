import type { FastifyError, FastifyInstance } from 'fastify';
import { apiRoutes } from './api.routes.ts';
import { checkoutRoutes } from './checkout.routes.ts';
import { controlRoutes } from './control.routes.ts';
import { invalidInput, SimError } from './errors.ts';
import type { RazorpaySimulator } from './simulator.ts';

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

    await scope.register(apiRoutes(sim), { prefix: '/v1' });
    await scope.register(checkoutRoutes(sim));
    await scope.register(controlRoutes(sim), { prefix: '/control' });
  };
}
