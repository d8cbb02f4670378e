import { describe, expect, it } from 'vitest';
import {
  boundingBox,
  checkPolygon,
  isPointInRing,
  type PolygonGeometry,
  type Position,
  ringAreaSquareMetres,
} from './geo.ts';

const square: Position[] = [
  [77.6, 12.9],
  [77.7, 12.9],
  [77.7, 13.0],
  [77.6, 13.0],
  [77.6, 12.9],
];
const polygon = (...rings: Position[][]): PolygonGeometry => ({ type: 'Polygon', coordinates: rings });

describe('isPointInRing', () => {
  it('finds points inside and outside', () => {
    expect(isPointInRing([77.65, 12.95], square)).toBe(true);
    expect(isPointInRing([77.75, 12.95], square)).toBe(false);
    expect(isPointInRing([77.65, 13.05], square)).toBe(false);
  });

  it('counts a point on an edge or a vertex as inside', () => {
    expect(isPointInRing([77.7, 12.95], square)).toBe(true);
    expect(isPointInRing([77.65, 12.9], square)).toBe(true);
    expect(isPointInRing([77.6, 13.0], square)).toBe(true);
  });

  it('handles concave outlines, where a bounding box would say yes', () => {
    const notch: Position[] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [2, 1],
      [0, 4],
      [0, 0],
    ];
    expect(isPointInRing([2, 3], notch)).toBe(false);
    expect(isPointInRing([2, 0.5], notch)).toBe(true);
    expect(isPointInRing([3, 2], notch)).toBe(true);
  });
});

describe('checkPolygon', () => {
  it('accepts a simple closed ring and drops repeated positions', () => {
    const result = checkPolygon(polygon([square[0]!, square[0]!, ...square.slice(1)]));
    expect(result).toEqual({ ok: true, polygon: polygon(square) });
  });

  it('refuses a bow tie (self-intersecting)', () => {
    const bowTie: Position[] = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    expect(checkPolygon(polygon(bowTie))).toMatchObject({
      ok: false,
      problem: { kind: 'self_intersecting' },
    });
  });

  it('refuses an edge that folds back over its neighbour, and a ring touching itself at a vertex', () => {
    const spike: Position[] = [
      [0, 0],
      [2, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    expect(checkPolygon(polygon(spike))).toMatchObject({ ok: false, problem: { kind: 'self_intersecting' } });
    const figureEight: Position[] = [
      [0, 0],
      [2, 0],
      [1, 1],
      [2, 2],
      [0, 2],
      [1, 1],
      [0, 0],
    ];
    expect(checkPolygon(polygon(figureEight))).toMatchObject({
      ok: false,
      problem: { kind: 'self_intersecting' },
    });
  });

  it('refuses open rings, too few positions, holes and out-of-range coordinates', () => {
    expect(checkPolygon(polygon(square.slice(0, 4)))).toMatchObject({ problem: { kind: 'not_closed' } });
    expect(
      checkPolygon(
        polygon([
          [0, 0],
          [1, 1],
          [0, 0],
        ]),
      ),
    ).toMatchObject({ problem: { kind: 'too_few_positions' } });
    expect(checkPolygon(polygon(square, square))).toMatchObject({ problem: { kind: 'has_holes' } });
    expect(
      checkPolygon(
        polygon([
          [77.6, 200],
          [77.7, 12.9],
          [77.7, 13.0],
          [77.6, 200],
        ]),
      ),
    ).toMatchObject({ problem: { kind: 'coordinates_out_of_range' } });
  });
});

describe('measures', () => {
  it('computes the bounding box and an area in the right range', () => {
    expect(boundingBox(square)).toEqual([77.6, 12.9, 77.7, 13.0]);
    // 0.1° × 0.1° near 13°N is about 10.85 km × 11.1 km
    const km2 = ringAreaSquareMetres(square) / 1e6;
    expect(km2).toBeGreaterThan(118);
    expect(km2).toBeLessThan(123);
  });
});
