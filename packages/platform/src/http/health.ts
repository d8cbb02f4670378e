import type { FastifyInstance } from 'fastify';

/** Liveness says the process runs; readiness says its dependencies answer, so a balancer may send traffic. */
export function useHealthRoutes(
  app: FastifyInstance,
  readiness: () => Promise<Record<string, boolean>>,
): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const checks = await readiness();
    const isReady = Object.values(checks).every(Boolean);
    return reply.code(isReady ? 200 : 503).send({ status: isReady ? 'ready' : 'not_ready', checks });
  });
}
