import type {
  Cache,
  Clock,
  Database,
  LabelledCounter,
  Logger,
  RealtimePublisher,
  ServiceContext,
} from '@zefy/platform';
import { arrivalDecider } from './arrival/arrival.ts';
import { type EtaAdapterChoice, type TrackingConfig, trackingConfigFrom } from './config.ts';
import { googleDistanceMatrixEta } from './eta/eta.google-distance-matrix.ts';
import { googleRoutesEta } from './eta/eta.google-routes.ts';
import { offlineEta } from './eta/eta.offline.ts';
import type { EtaProvider } from './eta/eta.ts';
import { type TrailWriter, trailWriter } from './live/live.repository.ts';
import { monitorDecider } from './monitor/monitor.ts';
import { trackDecider } from './positions/positions.ts';
import { type TrackingSettings, trackingDefaults } from './settings.ts';

/** What tracking's routes, consumers and jobs share in one running instance. */
export interface TrackingDeps {
  db: Database;
  cache: Cache;
  clock: Clock;
  logger: Logger;
  realtime: RealtimePublisher;
  settings: TrackingSettings;
  config: TrackingConfig;
  eta: EtaProvider;
  trail: TrailWriter;
  /** The deciders over `settings`, made once: every upload and tick decides with them. */
  deciders: {
    track: ReturnType<typeof trackDecider>;
    arrival: ReturnType<typeof arrivalDecider>;
    monitor: ReturnType<typeof monitorDecider>;
  };
  metrics: {
    positionsRejected: LabelledCounter<'reason'>;
    etaFallbacks: LabelledCounter<'source' | 'reason'>;
  };
}

function etaAdapter(
  choice: EtaAdapterChoice,
  deps: Pick<TrackingDeps, 'settings' | 'clock' | 'logger' | 'metrics'>,
) {
  const offline = offlineEta(deps.settings.eta.offline);
  if (choice.provider === 'offline') return offline;
  const options = {
    apiKey: choice.apiKey,
    ...(choice.baseUrl ? { baseUrl: choice.baseUrl } : {}),
    settings: deps.settings.eta.google,
    fallback: offline,
    now: () => deps.clock.now(),
    onFailure: ({ source, reason, message }: { source: string; reason: string; message: string }) => {
      deps.metrics.etaFallbacks.inc({ source, reason });
      deps.logger.warn({ source, reason, message }, 'ETA fell back to the offline estimate');
    },
  };
  return choice.provider === 'google_routes' ? googleRoutesEta(options) : googleDistanceMatrixEta(options);
}

export function wireTracking(
  context: ServiceContext,
  settings: TrackingSettings = trackingDefaults,
): TrackingDeps {
  const { db, cache, clock, logger, realtime } = context;
  const config = trackingConfigFrom(context.config);
  const metrics = {
    positionsRejected: context.metrics.counter({
      name: 'zefy_tracking_positions_rejected_total',
      help: 'Position fixes refused at ingest, by reason',
      labelNames: ['reason'],
    }),
    etaFallbacks: context.metrics.counter({
      name: 'zefy_tracking_eta_fallbacks_total',
      help: 'Google ETA requests answered by the offline estimate instead, by adapter and reason',
      labelNames: ['source', 'reason'],
    }),
  };
  const eta = etaAdapter(config.eta, { settings, clock, logger, metrics });
  logger.info({ eta: config.eta.provider }, 'ETA provider ready');
  const trail = trailWriter(db.pool);
  const deciders = {
    track: trackDecider(settings.positions),
    arrival: arrivalDecider(settings.arrival),
    monitor: monitorDecider(settings.monitor),
  };
  return { db, cache, clock, logger, realtime, settings, config, eta, trail, deciders, metrics };
}
