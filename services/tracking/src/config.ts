import { ConfigError, loadConfig } from '@zefy/platform';
import { Type } from 'typebox';

/** Tracking's own variables (ServiceModule.env): validated at start-up by whichever process runs tracking. */
export const TrackingEnv = Type.Object({
  TRACKING_ETA_PROVIDER: Type.Union(
    [Type.Literal('offline'), Type.Literal('google_routes'), Type.Literal('google_distance_matrix')],
    {
      default: 'offline',
      description: 'offline (the estimator, no key), google_routes, or google_distance_matrix (legacy)',
    },
  ),
  GOOGLE_MAPS_API_KEY: Type.Optional(
    Type.String({ minLength: 1, description: 'required by the Google adapters' }),
  ),
  GOOGLE_MAPS_BASE_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^\\s]+$',
      description: "Google's host by default; the stand-in's URL (apps/stand-ins google-maps) locally",
    }),
  ),
  TRACKING_ETA_EVERY_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 600,
    default: 15,
    description:
      'an integer from 1 to 600 (a booking’s ETA is recomputed on new positions at most this often)',
  }),
  TRACKING_MONITOR_TICK_MS: Type.Integer({
    minimum: 50,
    maximum: 600_000,
    default: 30_000,
    description: 'an integer from 50 to 600000 (how often the ETA monitor judges every en-route booking)',
  }),
});

export type EtaAdapterChoice =
  | { provider: 'offline' }
  | { provider: 'google_routes' | 'google_distance_matrix'; apiKey: string; baseUrl: string | undefined };

export interface TrackingConfig {
  eta: EtaAdapterChoice;
  etaEverySeconds: number;
  monitorTickMs: number;
}

/** Tracking's settings from the process configuration; whatever is absent takes its default. */
export function trackingConfigFrom(processConfig: Readonly<Record<string, unknown>>): TrackingConfig {
  const env = Object.fromEntries(
    Object.keys(TrackingEnv.properties).flatMap((name) =>
      processConfig[name] === undefined ? [] : [[name, String(processConfig[name])]],
    ),
  );
  const config = loadConfig(TrackingEnv, env);
  const provider = config.TRACKING_ETA_PROVIDER;
  if (provider !== 'offline' && !config.GOOGLE_MAPS_API_KEY)
    throw new ConfigError(
      `Invalid configuration: GOOGLE_MAPS_API_KEY is required with TRACKING_ETA_PROVIDER=${provider}`,
    );
  return {
    eta:
      provider === 'offline'
        ? { provider }
        : { provider, apiKey: config.GOOGLE_MAPS_API_KEY as string, baseUrl: config.GOOGLE_MAPS_BASE_URL },
    etaEverySeconds: config.TRACKING_ETA_EVERY_SECONDS,
    monitorTickMs: config.TRACKING_MONITOR_TICK_MS,
  };
}
