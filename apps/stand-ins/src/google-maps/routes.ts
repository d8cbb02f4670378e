import type { FastifyError, FastifyInstance } from 'fastify';
import { distanceMatrixRoutes } from './distance-matrix.ts';
import { GoogleApiError } from './google-error.ts';
import { routeMatrixRoutes } from './route-matrix.ts';
import type { GoogleMapsFault, GoogleMapsStandIn } from './stand-in.ts';

/**
 * The stand-in's HTTP face, mountable under any prefix: Routes' computeRouteMatrix, the Distance Matrix,
 * and the control API under `/control` (faults, what arrived, reset) for tests in other processes.
 */
export function googleMapsRoutes(standIn: GoogleMapsStandIn) {
  return async function routes(scope: FastifyInstance): Promise<void> {
    // not Zefy's API: kept out of the gateway's OpenAPI document (and its access-rule checks)
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const isClientError = error.statusCode !== undefined && error.statusCode < 500;
      if (!isClientError) request.log.error({ err: error }, 'google maps stand-in failed');
      const answer = isClientError
        ? new GoogleApiError(400, `Invalid JSON payload received. ${error.message}`)
        : new GoogleApiError(500);
      return reply.code(answer.http).send(answer.toBody());
    });
    scope.setNotFoundHandler((_request, reply) =>
      reply
        .code(404)
        .send(new GoogleApiError(404, 'The requested URL was not found on this server.').toBody()),
    );

    await scope.register(routeMatrixRoutes(standIn));
    await scope.register(distanceMatrixRoutes(standIn));
    scope.post<{ Body: GoogleMapsFault }>('/control/faults', async (request, reply) => {
      standIn.addFault(request.body);
      return reply.code(204).send();
    });
    scope.delete('/control/faults', async (_request, reply) => {
      standIn.clearFaults();
      return reply.code(204).send();
    });
    scope.get('/control/requests', async () => ({ items: standIn.requests() }));
    scope.post('/control/reset', async (_request, reply) => {
      standIn.reset();
      return reply.code(204).send();
    });
  };
}
