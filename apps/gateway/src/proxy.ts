import type { RouteContract } from '@zefy/contracts';
import { AppError, routeOptions, useRawJsonBody } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';

/**
 * Distributed mode: the gateway documents, authenticates and validates a remote service's routes from their
 * contracts, then forwards each request to one of the service's instances in turn, with the body's bytes as
 * the client sent them (a webhook's signature covers those bytes, not a re-serialisation).
 */
export async function useServiceProxies(
  app: FastifyInstance,
  remotes: Array<{ routes: readonly RouteContract[]; urls: string[] }>,
): Promise<void> {
  if (remotes.length === 0) return;
  // loaded only here: with every service in this process, start-up does without it (and undici)
  const { default: replyFrom } = await import('@fastify/reply-from');
  await app.register(replyFrom, { undici: { connections: 64, pipelining: 1 } });
  await app.register(async (scope) => {
    useRawJsonBody(scope);
    for (const remote of remotes) {
      let next = 0;
      for (const contract of remote.routes) {
        scope.route({
          ...routeOptions(contract),
          handler: (request, reply) => {
            const upstream = remote.urls[next++ % remote.urls.length];
            return reply.from(`${upstream}${request.url}`, {
              ...(request.rawBody
                ? { body: request.rawBody, contentType: String(request.headers['content-type']) }
                : {}),
              rewriteRequestHeaders: (_request, headers) => ({
                ...headers,
                'x-request-id': request.id,
                // the client's address, for services' per-client limits (they trust it from private peers)
                'x-forwarded-for': request.ip,
                'x-correlation-id': String(reply.getHeader('x-correlation-id') ?? request.id),
              }),
              onError: (failedReply, { error }) => {
                request.log.error({ err: error, upstream }, 'upstream request failed');
                const problem = new AppError(
                  'UPSTREAM.UNAVAILABLE',
                  `The ${contract.service} service did not answer`,
                ).toProblem();
                failedReply.code(problem.status).type('application/problem+json').send(problem);
              },
            });
          },
        });
      }
    }
  });
}
