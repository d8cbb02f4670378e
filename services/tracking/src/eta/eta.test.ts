import { describe, expect, it } from 'vitest';
import { offset } from '../geo.fixture.ts';
import { batchByDestination, type EtaRequest } from './eta.ts';

const now = new Date('2026-03-02T10:00:00Z');
const home = offset(0);
const office = offset(5000);
const request = (origin: number, destination = home, departAt = now): EtaRequest => ({
  origin: offset(origin, 100),
  destination,
  departAt,
});

describe('batching ETA requests', () => {
  it('asks once for many partners to one address, each distinct origin once', () => {
    const requests = [request(100), request(200), request(100), request(300)];
    expect(batchByDestination(requests, 625)).toEqual([
      {
        destination: home,
        departAt: now,
        origins: [offset(100, 100), offset(200, 100), offset(300, 100)],
        requestIndexes: [[0, 2], [1], [3]],
      },
    ]);
  });

  it('asks separately for pairs that share nothing, rather than paying for a square matrix', () => {
    const batches = batchByDestination([request(100, home), request(200, office)], 625);
    expect(batches.map((batch) => [batch.origins.length, batch.requestIndexes])).toEqual([
      [1, [[0]]],
      [1, [[1]]],
    ]);
  });

  it('keeps departures at different times apart, since a matrix has one departure time', () => {
    const later = new Date('2026-03-02T10:30:00Z');
    expect(batchByDestination([request(100), request(200, home, later)], 625)).toHaveLength(2);
  });

  it('splits a destination’s origins at the per-request limit', () => {
    const requests = Array.from({ length: 60 }, (_, index) => request(index * 10));
    const batches = batchByDestination(requests, 25);
    expect(batches.map((batch) => batch.origins.length)).toEqual([25, 25, 10]);
    expect(batches.flatMap((batch) => batch.requestIndexes.flat())).toEqual(
      requests.map((_, index) => index),
    );
  });
});
