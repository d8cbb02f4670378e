import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultRoadModel, type LatLng, type RoadModel } from './road-model.ts';

export type GoogleMapsApi = 'routes' | 'distance_matrix';

/**
 * A scripted failure for the next requests: wait `delayMs` first; then answer `httpStatus` with a Google
 * error body, or (Distance Matrix) HTTP 200 with a non-OK top-level `status`, or fail the elements (`no_route`:
 * ROUTE_NOT_FOUND / ZERO_RESULTS; `error`: an element status / NOT_FOUND), only those from `origin` if given.
 */
export interface GoogleMapsFault {
  api?: GoogleMapsApi;
  delayMs?: number;
  httpStatus?: number;
  status?: 'UNKNOWN_ERROR' | 'OVER_QUERY_LIMIT' | 'OVER_DAILY_LIMIT' | 'REQUEST_DENIED' | 'INVALID_REQUEST';
  element?: 'no_route' | 'error';
  origin?: LatLng;
  /** How many requests it applies to; for ever (until cleared) when left out. */
  times?: number;
}

/** What a request asked and what it was answered, for tests to assert on. */
export interface RecordedRequest {
  api: GoogleMapsApi;
  /** X-Goog-FieldMask (or `$fields`/`fields`), Routes only. */
  fieldMask: string | null;
  origins: LatLng[];
  destinations: LatLng[];
  /** Routes' `departureTime`, or Distance Matrix's `departure_time`. */
  departure: string | null;
  travelMode: string | null;
  httpStatus: number;
  /** Distance Matrix's top-level status. */
  status: string | null;
  receivedAt: string;
}

export interface GoogleMapsStandIn {
  apiKey: string;
  model: RoadModel;
  addFault(fault: GoogleMapsFault): void;
  clearFaults(): void;
  /** Every request that reached an API, in arrival order. */
  requests(): RecordedRequest[];
  reset(): void;
  /** The fault a request of `api` runs into, if any (one use of it). */
  takeFault(api: GoogleMapsApi): GoogleMapsFault | undefined;
  record(request: Omit<RecordedRequest, 'receivedAt'>): void;
  /** A different seed for each answer's element order (see `reordered`). */
  nextSeed(): number;
}

export function createGoogleMapsStandIn(
  options: { apiKey?: string; model?: RoadModel } = {},
): GoogleMapsStandIn {
  const faults: Array<GoogleMapsFault & { usesLeft: number }> = [];
  const log: RecordedRequest[] = [];
  let seed = 0;
  return {
    apiKey: options.apiKey ?? 'zefy-local-maps-key',
    model: options.model ?? defaultRoadModel,
    addFault: (fault) => {
      faults.push({ ...fault, usesLeft: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    requests: () => [...log],
    reset() {
      faults.length = 0;
      log.length = 0;
      seed = 0;
    },
    takeFault(api) {
      const fault = faults.find((candidate) => (candidate.api ?? api) === api && candidate.usesLeft > 0);
      if (fault) fault.usesLeft -= 1;
      return fault;
    },
    record: (request) => {
      log.push({ ...request, receivedAt: new Date().toISOString() });
    },
    nextSeed: () => {
      seed += 1;
      return seed;
    },
  };
}

/** The elements a fault fails: all, or those from its origin. */
export const failsElement = (fault: GoogleMapsFault | undefined, origin: LatLng): boolean =>
  fault?.element !== undefined &&
  (fault.origin === undefined || (fault.origin.lat === origin.lat && fault.origin.lng === origin.lng));

/** Out of request order, differently each time (reversed, then rotated by `seed`), yet the same run after run. */
export function reordered<T>(items: readonly T[], seed: number): T[] {
  const reversed = [...items].reverse();
  const shift = seed % Math.max(1, reversed.length);
  return [...reversed.slice(shift), ...reversed.slice(0, shift)];
}

/**
 * Waits out a scripted delay unless the client gives up first (its timeout): false then, so the request is
 * recorded at once, as 499, rather than seconds later in another test's log.
 */
export async function waitUnlessGone(ms: number, response: ServerResponse): Promise<boolean> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  response.once('close', onClose);
  try {
    await sleep(ms, undefined, { signal: gone.signal });
    return true;
  } catch {
    return false;
  } finally {
    response.off('close', onClose);
  }
}

/** nginx's "client closed request": the client went away before the answer. */
export const clientGone = 499;
