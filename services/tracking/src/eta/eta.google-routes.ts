import type { LatLng } from '../geo.ts';
import {
  type ElementOutcome,
  type GoogleEtaOptions,
  GoogleRequestFailed,
  googleEta,
  isRecord,
} from './eta.google.ts';
import type { EtaProvider } from './eta.ts';

/** `status` must be in the mask: without it every element would look OK. */
export const routeMatrixFieldMask = 'originIndex,destinationIndex,status,condition,distanceMeters,duration';

const waypoint = ({ lat, lng }: LatLng) => ({
  waypoint: { location: { latLng: { latitude: lat, longitude: lng } } },
});

/** `"160s"` (a protobuf Duration in JSON) in whole seconds, or null. */
function parseDuration(value: unknown): number | null {
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(value) : null;
  return match ? Math.round(Number(match[1])) : null;
}

/** Zero values are left out of Google's JSON (proto3): a missing index is 0, a missing distance 0 m. */
function outcomeOf(element: Record<string, unknown>): ElementOutcome {
  const status = isRecord(element.status) ? element.status : {};
  if (typeof status.code === 'number' && status.code !== 0) return { ok: false, reason: 'element_error' };
  if (element.condition !== 'ROUTE_EXISTS') return { ok: false, reason: 'no_route' };
  const durationSeconds = parseDuration(element.duration ?? '0s');
  const distanceMeters = element.distanceMeters ?? 0;
  if (durationSeconds === null || typeof distanceMeters !== 'number')
    return { ok: false, reason: 'bad_response' };
  return { ok: true, durationSeconds, distanceMeters };
}

/**
 * ETA from the Routes API's computeRouteMatrix: POST with the API key and the field mask in headers,
 * traffic-aware (up to 625 elements a request); the answer is a JSON array of elements in any order, matched
 * back by their indexes.
 */
export function googleRoutesEta(options: GoogleEtaOptions): EtaProvider {
  return googleEta(
    {
      source: 'google_routes',
      defaultBaseUrl: 'https://routes.googleapis.com',
      maxOrigins: 625,
      request: (batch, departAt) => ({
        path: '/distanceMatrix/v2:computeRouteMatrix',
        init: {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-goog-api-key': options.apiKey,
            'x-goog-fieldmask': routeMatrixFieldMask,
          },
          body: JSON.stringify({
            origins: batch.origins.map(waypoint),
            destinations: [waypoint(batch.destination)],
            travelMode: options.settings.travelMode,
            routingPreference: 'TRAFFIC_AWARE',
            ...(departAt ? { departureTime: departAt.toISOString() } : {}),
          }),
        },
      }),
      read(elements, batch) {
        if (!Array.isArray(elements))
          throw new GoogleRequestFailed('bad_response', 'the route matrix is not a JSON array');
        const outcomes = batch.origins.map((): ElementOutcome => ({ ok: false, reason: 'bad_response' }));
        for (const element of elements) {
          if (!isRecord(element)) continue;
          const originIndex = element.originIndex ?? 0;
          const isOurs =
            (element.destinationIndex ?? 0) === 0 &&
            typeof originIndex === 'number' &&
            Number.isInteger(originIndex) &&
            originIndex >= 0 &&
            originIndex < outcomes.length;
          if (isOurs) outcomes[originIndex] = outcomeOf(element);
        }
        return outcomes;
      },
    },
    options,
  );
}
