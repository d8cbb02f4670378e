import type { LatLng } from '../geo.ts';
import {
  type ElementOutcome,
  type GoogleEtaOptions,
  GoogleRequestFailed,
  googleEta,
  isRecord,
} from './eta.google.ts';
import type { EtaFallbackReason, EtaProvider } from './eta.ts';

/** At most 25 origins per request (and 100 elements: 25 × 1 stays under it). */
const maxOrigins = 25;

/** Top-level statuses other than OK, which come with HTTP 200. */
const statusReasons: Record<string, EtaFallbackReason> = {
  OVER_QUERY_LIMIT: 'rate_limited',
  OVER_DAILY_LIMIT: 'rate_limited',
  UNKNOWN_ERROR: 'unavailable',
};

const location = ({ lat, lng }: LatLng) => `${lat},${lng}`;

const numberIn = (field: unknown): number | null =>
  isRecord(field) && typeof field.value === 'number' ? field.value : null;

function outcomeOf(element: unknown): ElementOutcome {
  if (!isRecord(element)) return { ok: false, reason: 'bad_response' };
  if (element.status === 'ZERO_RESULTS' || element.status === 'MAX_ROUTE_LENGTH_EXCEEDED')
    return { ok: false, reason: 'no_route' };
  if (element.status !== 'OK') return { ok: false, reason: 'element_error' };
  const durationSeconds = numberIn(element.duration_in_traffic) ?? numberIn(element.duration);
  const distanceMeters = numberIn(element.distance);
  return durationSeconds === null || distanceMeters === null
    ? { ok: false, reason: 'bad_response' }
    : { ok: true, durationSeconds, distanceMeters };
}

/**
 * ETA from the Distance Matrix API (legacy; Routes is the primary): GET with the key in the query, errors as
 * HTTP 200 with a non-OK `status`, rows in origin order. Driving mode: the API has no two-wheeler mode.
 */
export function googleDistanceMatrixEta(options: GoogleEtaOptions): EtaProvider {
  return googleEta(
    {
      source: 'google_distance_matrix',
      defaultBaseUrl: 'https://maps.googleapis.com',
      maxOrigins,
      request(batch, departAt) {
        const query = new URLSearchParams({
          origins: batch.origins.map(location).join('|'),
          destinations: location(batch.destination),
          mode: 'driving',
          units: 'metric',
          departure_time: departAt ? String(Math.floor(departAt.getTime() / 1000)) : 'now',
          key: options.apiKey,
        });
        return { path: `/maps/api/distancematrix/json?${query}`, init: {} };
      },
      read(body, batch) {
        if (!isRecord(body)) throw new GoogleRequestFailed('bad_response', 'the answer is not a JSON object');
        if (body.status !== 'OK')
          throw new GoogleRequestFailed(
            statusReasons[String(body.status)] ?? 'refused',
            `${body.status}: ${body.error_message ?? ''}`,
          );
        const rows = Array.isArray(body.rows) ? body.rows : [];
        return batch.origins.map((_, index) => {
          const row: unknown = rows[index];
          return outcomeOf(isRecord(row) && Array.isArray(row.elements) ? row.elements[0] : undefined);
        });
      },
    },
    options,
  );
}
