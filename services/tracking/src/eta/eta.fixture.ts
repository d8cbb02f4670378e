import { defaultRoadModel, modelRoute } from '@zefy/stand-ins/google-maps';
import { offset } from '../geo.fixture.ts';
import type { LatLng } from '../geo.ts';
import { offlineEta } from './eta.offline.ts';
import { type EtaRequest, type EtaSource, etaDefaults, type GoogleEtaSettings } from './eta.ts';

export const home = offset(0);
export const office = offset(-4000, 3000);
/** Partners 1, 2 and 3 km north of home. */
export const partners: LatLng[] = [offset(1000, 200), offset(2000, -300), offset(3000, 100)];

export const offline = offlineEta(etaDefaults.offline);
/** A generous timeout: on a loaded test machine a loopback answer can take a while. */
export const googleSettings: GoogleEtaSettings = { ...etaDefaults.google, timeoutMs: 5000 };

export const leavingNow = (origin: LatLng, destination: LatLng = home): EtaRequest => ({
  origin,
  destination,
  departAt: new Date(),
});

/** What the adapter answers when it falls back: the offline estimate, with the reason. */
export const fellBack = (request: EtaRequest, reason: string) => ({
  ...offline.estimateOne(request),
  fallbackReason: reason,
});

/** What the stand-in (default road model) answers through an adapter: its traffic-aware route. */
export function fromStandIn(source: EtaSource, origin: LatLng, destination: LatLng = home) {
  const route = modelRoute(defaultRoadModel, origin, destination);
  return {
    durationSeconds: route.trafficSeconds,
    distanceMeters: route.distanceMeters,
    source,
    fallbackReason: null,
  };
}
