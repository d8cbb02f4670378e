import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';
import {
  distanceMeters,
  gpsFix,
  offsetMeters,
  plannedRoute,
  pointInRing,
  positionAlong,
  routeLengthMeters,
} from './route.ts';

const from = { lat: 12.97, lng: 77.64 };
const to = offsetMeters(from, 600, 800);

describe('routes through the city', () => {
  it('goes along one axis then the other, as long as both legs together', () => {
    const route = plannedRoute(seededRandom(1), from, to);
    expect(route[0]).toEqual(from);
    expect(route[2]).toEqual(to);
    const corner = route[1] as { lat: number; lng: number };
    expect(corner.lat === to.lat || corner.lat === from.lat).toBe(true);
    expect(routeLengthMeters(route)).toBeCloseTo(1400, -1);
    expect(routeLengthMeters(route)).toBeGreaterThan(distanceMeters(from, to));
  });

  it('interpolates within a segment and stops at the end', () => {
    const route = [from, offsetMeters(from, 1000, 0), offsetMeters(from, 1000, 1000)];
    const halfway = positionAlong(route, 500);
    expect(distanceMeters(from, halfway)).toBeCloseTo(500, 0);
    const intoSecond = positionAlong(route, 1250);
    expect(distanceMeters(route[1] as typeof from, intoSecond)).toBeCloseTo(250, 0);
    expect(positionAlong(route, 5000)).toEqual(route[2]);
    expect(positionAlong(route, -10)).toEqual(from);
  });

  it('reports fixes near the truth with the accuracy the noise deserves', () => {
    const random = seededRandom(9);
    const errors = Array.from({ length: 2000 }, () => distanceMeters(from, gpsFix(random, from, 8)));
    const mean = errors.reduce((sum, error) => sum + error, 0) / errors.length;
    // the mean distance of a 2-D normal error with σ = 8 m is σ·√(π/2) ≈ 10 m
    expect(mean).toBeGreaterThan(8.5);
    expect(mean).toBeLessThan(11.5);
    expect(gpsFix(random, from, 8).accuracyMeters).toBeGreaterThanOrEqual(12);
  });

  it('draws points inside a hub outline', () => {
    const ring: Array<[number, number]> = [
      [77.6, 12.9],
      [77.7, 12.9],
      [77.6, 13.0],
      [77.6, 12.9],
    ];
    const random = seededRandom(5);
    for (let index = 0; index < 200; index++) {
      const point = pointInRing(random, ring);
      // below the diagonal of the triangle
      expect(point.lat - 12.9 + (point.lng - 77.6)).toBeLessThanOrEqual(0.1);
      expect(point.lng).toBeGreaterThanOrEqual(77.6);
      expect(point.lat).toBeGreaterThanOrEqual(12.9);
    }
  });
});
