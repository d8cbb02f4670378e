/** GeoJSON order: longitude first. */
export type Position = [lng: number, lat: number];
export type Ring = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [number, number, number, number];

export const maxPolygonPositions = 1000;
/** Cross products below this (degrees², about a millimetre at these scales) count as collinear. */
const epsilon = 1e-12;

export type PolygonProblem =
  | { kind: 'coordinates_out_of_range'; detail: string }
  | { kind: 'has_holes'; detail: string }
  | { kind: 'too_few_positions'; detail: string }
  | { kind: 'too_many_positions'; detail: string }
  | { kind: 'not_closed'; detail: string }
  | { kind: 'self_intersecting'; detail: string };

export const isValidLatitude = (lat: number): boolean => Number.isFinite(lat) && lat >= -90 && lat <= 90;
export const isValidLongitude = (lng: number): boolean => Number.isFinite(lng) && lng >= -180 && lng <= 180;

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const cross = (o: Position, a: Position, b: Position) =>
  (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
const orientation = (o: Position, a: Position, b: Position): -1 | 0 | 1 => {
  const value = cross(o, a, b);
  return Math.abs(value) < epsilon ? 0 : value > 0 ? 1 : -1;
};
const withinBox = (p: Position, a: Position, b: Position) =>
  p[0] >= Math.min(a[0], b[0]) - epsilon &&
  p[0] <= Math.max(a[0], b[0]) + epsilon &&
  p[1] >= Math.min(a[1], b[1]) - epsilon &&
  p[1] <= Math.max(a[1], b[1]) + epsilon;

/** True when `p` lies on the segment a–b (ends included). */
export const isOnSegment = (p: Position, a: Position, b: Position): boolean =>
  orientation(a, b, p) === 0 && withinBox(p, a, b);

/** Whether segments p1–p2 and q1–q2 share any point (touching and collinear overlap included). */
export function segmentsIntersect(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  return (
    (o1 === 0 && withinBox(q1, p1, p2)) ||
    (o2 === 0 && withinBox(q2, p1, p2)) ||
    (o3 === 0 && withinBox(p1, q1, q2)) ||
    (o4 === 0 && withinBox(p2, q1, q2))
  );
}

/** The ring without consecutive repeated positions (drawing tools often emit them); still closed. */
export function withoutRepeats(ring: Ring): Ring {
  return ring.filter((position, index) => index === 0 || !samePosition(position, ring[index - 1]!));
}

/**
 * Finds the first pair of edges that cross, touch or overlap, other than neighbours meeting at their shared
 * vertex. Pairwise, O(n²): hub outlines have at most `maxPolygonPositions` positions, so this stays in
 * single-digit milliseconds and needs no sweep-line structure.
 */
export function findSelfIntersection(ring: Ring): [number, number] | undefined {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    const a1 = ring[i]!;
    const a2 = ring[i + 1]!;
    for (let j = i + 1; j < edges; j++) {
      const b1 = ring[j]!;
      const b2 = ring[j + 1]!;
      const isNext = j === i + 1;
      const isClosingPair = i === 0 && j === edges - 1;
      if (isNext || isClosingPair) {
        // neighbours share one vertex; they are only wrong when they fold back over each other
        const shared = isNext ? a2 : a1;
        const farA = isNext ? a1 : a2;
        const farB = isNext ? b2 : b1;
        if (isOnSegment(farB, shared, farA) || isOnSegment(farA, shared, farB)) return [i, j];
        continue;
      }
      if (segmentsIntersect(a1, a2, b1, b2)) return [i, j];
    }
  }
  return undefined;
}

/**
 * Checks a hub outline: one ring (no holes), closed (last position = first), at least 4 positions (a
 * triangle), at most `maxPolygonPositions`, coordinates in range, and simple (no edge crosses or touches
 * another). Returns the polygon with consecutive repeated positions removed, or the first problem found.
 */
export function checkPolygon(
  polygon: PolygonGeometry,
): { ok: true; polygon: PolygonGeometry } | { ok: false; problem: PolygonProblem } {
  const fail = (problem: PolygonProblem) => ({ ok: false as const, problem });
  if (polygon.coordinates.length !== 1)
    return fail({
      kind: 'has_holes',
      detail: `a hub is one outer ring without holes; got ${polygon.coordinates.length} rings`,
    });
  const raw = polygon.coordinates[0]!;
  const outOfRange = raw.findIndex(([lng, lat]) => !isValidLongitude(lng) || !isValidLatitude(lat));
  if (outOfRange >= 0)
    return fail({
      kind: 'coordinates_out_of_range',
      detail: `position ${outOfRange} is [${raw[outOfRange]?.join(', ')}]; longitude must be within ±180 and latitude within ±90 (GeoJSON order is [lng, lat])`,
    });
  if (raw.length > maxPolygonPositions)
    return fail({
      kind: 'too_many_positions',
      detail: `${raw.length} positions; at most ${maxPolygonPositions}`,
    });
  if (raw.length > 0 && !samePosition(raw[0]!, raw[raw.length - 1]!))
    return fail({ kind: 'not_closed', detail: 'the last position must repeat the first' });
  const ring = withoutRepeats(raw);
  if (ring.length < 4)
    return fail({
      kind: 'too_few_positions',
      detail: `${ring.length} distinct positions including the closing one; a polygon needs at least 4`,
    });
  const crossing = findSelfIntersection(ring);
  if (crossing)
    return fail({
      kind: 'self_intersecting',
      detail: `edge ${crossing[0]} (from [${ring[crossing[0]]?.join(', ')}]) meets edge ${crossing[1]} (from [${ring[crossing[1]]?.join(', ')}])`,
    });
  return { ok: true, polygon: { type: 'Polygon', coordinates: [ring] } };
}

export function boundingBox(ring: Ring): BBox {
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of ring) {
    minLng = Math.min(minLng, lng);
    minLat = Math.min(minLat, lat);
    maxLng = Math.max(maxLng, lng);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLng, minLat, maxLng, maxLat];
}

/**
 * Whether the point lies in the ring: crossing-number ray casting, after an explicit boundary check, so
 * a point on an edge or a vertex counts as inside (a pin on the boundary road is served, deterministically).
 */
export function isPointInRing(point: Position, ring: Ring): boolean {
  let isInside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (isOnSegment(point, a, b)) return true;
    if (a[1] > point[1] !== b[1] > point[1]) {
      const crossingLng = ((b[0] - a[0]) * (point[1] - a[1])) / (b[1] - a[1]) + a[0];
      if (point[0] < crossingLng) isInside = !isInside;
    }
  }
  return isInside;
}

const earthRadiusMetres = 6_378_137;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Area on the sphere in m² (the algorithm of Chamberlain & Duquette, "Some algorithms for polygons on a
 * sphere", as used by turf): accurate enough to order overlapping hubs by size.
 */
export function ringAreaSquareMetres(ring: Ring): number {
  let total = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    total += radians(b[0] - a[0]) * (2 + Math.sin(radians(a[1])) + Math.sin(radians(b[1])));
  }
  return Math.abs((total * earthRadiusMetres * earthRadiusMetres) / 2);
}

/**
 * Shortest distance in metres from a point to a ring's edges, on a local equirectangular projection around
 * the point: within a city the error is far below what "about 3.2 km away" shows.
 */
export function distanceToRingMetres(point: Position, ring: Ring): number {
  const metresPerDegree = (earthRadiusMetres * Math.PI) / 180;
  const xScale = metresPerDegree * Math.cos(radians(point[1]));
  const project = ([lng, lat]: Position): [number, number] => [
    (lng - point[0]) * xScale,
    (lat - point[1]) * metresPerDegree,
  ];
  let best = Infinity;
  for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = project(ring[i]!);
    const [bx, by] = project(ring[i + 1]!);
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}
