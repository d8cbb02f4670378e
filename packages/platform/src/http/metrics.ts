import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  eventsHandled: Counter<'group' | 'type' | 'outcome'>;
  outboxLagSeconds: Gauge<'schema'>;
  websocketConnections: Gauge;
}

export function createMetrics(processName: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process: processName });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'zefy_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    eventsHandled: new Counter({
      name: 'zefy_events_handled_total',
      help: 'Events handled by consumer group and outcome',
      labelNames: ['group', 'type', 'outcome'],
      registers: [registry],
    }),
    outboxLagSeconds: new Gauge({
      name: 'zefy_outbox_lag_seconds',
      help: 'Age of the oldest unpublished outbox event',
      labelNames: ['schema'],
      registers: [registry],
    }),
    websocketConnections: new Gauge({
      name: 'zefy_websocket_connections',
      help: 'Open WebSocket connections on this instance',
      registers: [registry],
    }),
  };
}

/** What a service adds to its process's metrics: counters of its own, served on the same /metrics. */
export interface ServiceMetrics {
  counter<L extends string>(options: {
    name: string;
    help: string;
    labelNames: readonly L[];
  }): LabelledCounter<L>;
}

export interface LabelledCounter<L extends string> {
  inc(labels: Record<L, string>, value?: number): void;
}

export const serviceMetricsOf = (metrics: Metrics): ServiceMetrics => ({
  counter: (options) =>
    new Counter({ ...options, labelNames: [...options.labelNames], registers: [metrics.registry] }),
});

/** Records request durations and serves the registry at /metrics. */
export function useMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
