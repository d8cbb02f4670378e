import { describe, expect, it } from 'vitest';
import { trackingConfigFrom } from './config.ts';

describe('tracking configuration', () => {
  it('estimates offline unless a Google adapter is chosen, which needs its key', () => {
    expect(trackingConfigFrom({})).toEqual({
      eta: { provider: 'offline' },
      etaEverySeconds: 15,
      monitorTickMs: 30_000,
    });
    expect(
      trackingConfigFrom({
        TRACKING_ETA_PROVIDER: 'google_routes',
        GOOGLE_MAPS_API_KEY: 'key',
        GOOGLE_MAPS_BASE_URL: 'http://127.0.0.1:4200',
      }).eta,
    ).toEqual({ provider: 'google_routes', apiKey: 'key', baseUrl: 'http://127.0.0.1:4200' });
    expect(() => trackingConfigFrom({ TRACKING_ETA_PROVIDER: 'google_distance_matrix' })).toThrow(
      /GOOGLE_MAPS_API_KEY/,
    );
    expect(() => trackingConfigFrom({ TRACKING_ETA_PROVIDER: 'mapbox' })).toThrow();
  });
});
