import { type Static, Type } from 'typebox';
import Value from 'typebox/value';
import type { LatLng } from '../geo.ts';

/** How long from `origin` to `destination` leaving at `departAt`. */
export interface EtaRequest {
  origin: LatLng;
  destination: LatLng;
  departAt: Date;
}

export type EtaSource = 'offline' | 'google_routes' | 'google_distance_matrix';

/** Why an estimate came from the offline estimator instead of Google: the label it is counted under. */
export const etaFallbackReasons = [
  'timeout',
  'unavailable',
  'rate_limited',
  'refused',
  'bad_response',
  'no_route',
  'element_error',
  'circuit_open',
] as const;
export type EtaFallbackReason = (typeof etaFallbackReasons)[number];

export interface EtaEstimate {
  durationSeconds: number;
  distanceMeters: number;
  source: EtaSource;
  /** Set when a Google adapter fell back to the offline estimator for this request. */
  fallbackReason: EtaFallbackReason | null;
}

/** The ETA port. Adapters: offline (the default), Google Routes, Google Distance Matrix (legacy). */
export interface EtaProvider {
  /** One estimate per request, in request order. An upstream failure falls back; it never rejects. */
  estimate(requests: readonly EtaRequest[]): Promise<EtaEstimate[]>;
}

/** Two-wheeler speeds across a Bengaluru weekday: peaks around 09:00 and 18:00. */
const bengaluruKmhByHour = [
  30, 32, 32, 32, 30, 28, 25, 21, 16, 13, 15, 18, 19, 19, 19, 18, 16, 13, 12, 13, 16, 20, 24, 27,
];

export const OfflineEtaSettings = Type.Object({
  roadFactor: Type.Number({
    minimum: 1,
    maximum: 3,
    default: 1.35,
    description: 'road distance per straight-line metre',
  }),
  timeZone: Type.String({
    minLength: 1,
    default: 'Asia/Kolkata',
    description: 'the IANA time zone the speed profile’s hours are in (the hub’s)',
  }),
  kmhByHour: Type.Array(Type.Number({ minimum: 1, maximum: 150 }), {
    minItems: 24,
    maxItems: 24,
    default: bengaluruKmhByHour,
    description: 'average speed in km/h at each local hour’s start (0–23), blended in between',
  }),
});
export type OfflineEtaSettings = Static<typeof OfflineEtaSettings>;

export const GoogleEtaSettings = Type.Object({
  timeoutMs: Type.Integer({
    minimum: 100,
    maximum: 60_000,
    default: 2500,
    description: 'how long one request to Google may take before its estimates fall back',
  }),
  maxConcurrency: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 8,
    description: 'requests to Google in flight at once',
  }),
  travelMode: Type.Union([Type.Literal('TWO_WHEELER'), Type.Literal('DRIVE')], {
    default: 'TWO_WHEELER',
    description: 'partners ride scooters: Google’s two-wheeler routes (India) fit them best',
  }),
  failuresToOpen: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 5,
    description: 'after this many failed requests in a row, Google is left alone for openSeconds…',
  }),
  openSeconds: Type.Integer({
    minimum: 0,
    maximum: 3600,
    default: 30,
    description: '…and every estimate in that time is offline',
  }),
});
export type GoogleEtaSettings = Static<typeof GoogleEtaSettings>;

export const EtaSettings = Type.Object({ offline: OfflineEtaSettings, google: GoogleEtaSettings });
export type EtaSettings = Static<typeof EtaSettings>;
export const etaDefaults: EtaSettings = Value.Create(EtaSettings);

/** Requests to one destination at one departure time: a matrix of `origins` × 1, each origin once. */
export interface EtaBatch {
  destination: LatLng;
  departAt: Date;
  origins: LatLng[];
  /** For each origin, the indexes of the requests it answers. */
  requestIndexes: number[][];
}

const keyOf = ({ lat, lng }: LatLng) => `${lat},${lng}`;

/**
 * Cuts requests into matrices that share their destination and departure: many partners to one address
 * (dispatch ranking) is one request; unrelated (partner, address) pairs are one 1×1 request each, because
 * a matrix bills every origin × destination and n pairs in one n×n matrix would cost n² elements.
 */
export function batchByDestination(requests: readonly EtaRequest[], maxOrigins: number): EtaBatch[] {
  const groups = new Map<string, EtaBatch & { originIndex: Map<string, number> }>();
  const batches: EtaBatch[] = [];
  requests.forEach((request, requestIndex) => {
    const groupKey = `${keyOf(request.destination)}@${request.departAt.getTime()}`;
    let group = groups.get(groupKey);
    const originKey = keyOf(request.origin);
    const known = group?.originIndex.get(originKey);
    if (group && known !== undefined) {
      group.requestIndexes[known]!.push(requestIndex);
      return;
    }
    if (!group || group.origins.length === maxOrigins) {
      group = {
        destination: request.destination,
        departAt: request.departAt,
        origins: [],
        requestIndexes: [],
        originIndex: new Map(),
      };
      groups.set(groupKey, group);
      batches.push(group);
    }
    group.originIndex.set(originKey, group.origins.length);
    group.origins.push(request.origin);
    group.requestIndexes.push([requestIndex]);
  });
  return batches.map(({ destination, departAt, origins, requestIndexes }) => ({
    destination,
    departAt,
    origins,
    requestIndexes,
  }));
}
