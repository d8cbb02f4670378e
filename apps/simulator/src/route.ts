import { between, chance, gaussian, type Random } from './random.ts';

export interface Point {
  lat: number;
  lng: number;
}

const earthRadiusMeters = 6_371_000;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: Point, b: Point): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A point `north` and `east` metres away (flat-earth offset: fine over a city). */
export function offsetMeters(point: Point, north: number, east: number): Point {
  const lat = point.lat + (north / earthRadiusMeters) * (180 / Math.PI);
  const lng = point.lng + (east / (earthRadiusMeters * Math.cos(radians(point.lat)))) * (180 / Math.PI);
  return { lat, lng };
}

/**
 * A plausible way through a street grid from `from` to `to`: along one axis, then the other (which first
 * is drawn), as waypoints.
 */
export function plannedRoute(random: Random, from: Point, to: Point): Point[] {
  const corner = chance(random, 0.5) ? { lat: to.lat, lng: from.lng } : { lat: from.lat, lng: to.lng };
  return [from, corner, to];
}

export function routeLengthMeters(route: readonly Point[]): number {
  let length = 0;
  for (let index = 1; index < route.length; index++)
    length += distanceMeters(route[index - 1] as Point, route[index] as Point);
  return length;
}

/** Where one is after `travelledMeters` along the route: interpolated within its segment, the end past it. */
export function positionAlong(route: readonly Point[], travelledMeters: number): Point {
  const start = route[0];
  if (!start) throw new Error('an empty route');
  let left = Math.max(0, travelledMeters);
  for (let index = 1; index < route.length; index++) {
    const a = route[index - 1] as Point;
    const b = route[index] as Point;
    const segment = distanceMeters(a, b);
    if (left <= segment) {
      const share = segment === 0 ? 1 : left / segment;
      return { lat: a.lat + (b.lat - a.lat) * share, lng: a.lng + (b.lng - a.lng) * share };
    }
    left -= segment;
  }
  return route.at(-1) as Point;
}

/** A phone's fix of `point`: off by a normal error of `sigmaMeters` each way, with the accuracy it claims. */
export function gpsFix(
  random: Random,
  point: Point,
  sigmaMeters: number,
): Point & { accuracyMeters: number } {
  const fixed = offsetMeters(point, gaussian(random) * sigmaMeters, gaussian(random) * sigmaMeters);
  return { ...fixed, accuracyMeters: Math.round(sigmaMeters * between(random, 1.5, 2.5)) };
}

function isInRing(point: Point, ring: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as readonly [number, number];
    const [xj, yj] = ring[j] as readonly [number, number];
    if (yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  return inside;
}

/** A uniformly drawn point inside a polygon ring ([lng, lat] pairs), by rejection from its bounding box. */
export function pointInRing(random: Random, ring: ReadonlyArray<readonly [number, number]>): Point {
  const lngs = ring.map(([lng]) => lng);
  const lats = ring.map(([, lat]) => lat);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const point = {
      lat: between(random, Math.min(...lats), Math.max(...lats)),
      lng: between(random, Math.min(...lngs), Math.max(...lngs)),
    };
    if (isInRing(point, ring)) return point;
  }
  throw new Error('no point found inside the ring');
}

/** The centre of a ring's bounding box. */
export function centreOfRing(ring: ReadonlyArray<readonly [number, number]>): Point {
  const lngs = ring.map(([lng]) => lng);
  const lats = ring.map(([, lat]) => lat);
  return {
    lat: (Math.min(...lats) + Math.max(...lats)) / 2,
    lng: (Math.min(...lngs) + Math.max(...lngs)) / 2,
  };
}
