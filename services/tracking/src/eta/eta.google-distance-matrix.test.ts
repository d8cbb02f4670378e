import { startGoogleMapsStandIn } from '@zefy/stand-ins/google-maps';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { offset } from '../geo.fixture.ts';
import type { LatLng } from '../geo.ts';
import { fellBack, fromStandIn, googleSettings, leavingNow, offline, partners } from './eta.fixture.ts';
import { googleDistanceMatrixEta } from './eta.google-distance-matrix.ts';

const standIn = await startGoogleMapsStandIn({ apiKey: 'matrix-test-key' });
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

const adapter = (apiKey = 'matrix-test-key') =>
  googleDistanceMatrixEta({ apiKey, baseUrl: standIn.url, settings: googleSettings, fallback: offline });
const fromGoogle = (origin: LatLng) => fromStandIn('google_distance_matrix', origin);

describe('ETA from the Google Distance Matrix (legacy)', () => {
  it('reads the traffic duration of each row, in origin order', async () => {
    const estimates = await adapter().estimate(partners.map((partner) => leavingNow(partner)));
    expect(estimates).toEqual(partners.map(fromGoogle));
    expect(standIn.requests()).toMatchObject([
      { api: 'distance_matrix', departure: 'now', origins: partners },
    ]);
  });

  it('asks for at most 25 origins at a time', async () => {
    const many = Array.from({ length: 30 }, (_, index) => offset(500 + index * 100, 50));
    const estimates = await adapter().estimate(many.map((partner) => leavingNow(partner)));
    expect(estimates).toEqual(many.map(fromGoogle));
    const sizes = standIn.requests().map((request) => request.origins.length);
    expect(sizes.sort((a, b) => b - a)).toEqual([25, 5]);
  });

  it('falls back on a non-OK status that comes with HTTP 200', async () => {
    const request = leavingNow(partners[0]!);
    standIn.addFault({ status: 'UNKNOWN_ERROR', times: 1 });
    expect(await adapter().estimate([request])).toEqual([fellBack(request, 'unavailable')]);
    expect(await adapter('stolen').estimate([request])).toEqual([fellBack(request, 'refused')]);
  });

  it('falls back for a row without a route', async () => {
    standIn.addFault({ element: 'no_route', origin: partners[0]!, times: 1 });
    const requests = partners.slice(0, 2).map((partner) => leavingNow(partner));
    expect(await adapter().estimate(requests)).toEqual([
      fellBack(requests[0]!, 'no_route'),
      fromGoogle(partners[1]!),
    ]);
  });
});
