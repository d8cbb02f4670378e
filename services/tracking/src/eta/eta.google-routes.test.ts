import { startGoogleMapsStandIn } from '@zefy/stand-ins/google-maps';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LatLng } from '../geo.ts';
import {
  fellBack,
  fromStandIn,
  googleSettings,
  home,
  leavingNow,
  office,
  offline,
  partners,
} from './eta.fixture.ts';
import type { GoogleEtaOptions } from './eta.google.ts';
import { googleRoutesEta, routeMatrixFieldMask } from './eta.google-routes.ts';
import type { EtaRequest } from './eta.ts';

const standIn = await startGoogleMapsStandIn({ apiKey: 'routes-test-key' });
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

const adapter = (options: Partial<GoogleEtaOptions> = {}) =>
  googleRoutesEta({
    apiKey: 'routes-test-key',
    baseUrl: standIn.url,
    settings: googleSettings,
    fallback: offline,
    ...options,
  });
const fromGoogle = (origin: LatLng, destination?: LatLng) =>
  fromStandIn('google_routes', origin, destination);

describe('ETA from the Google Routes API', () => {
  it('asks once per destination and matches the shuffled elements back to their requests', async () => {
    const requests = [...partners.map((partner) => leavingNow(partner)), leavingNow(partners[0]!, office)];
    const estimates = await adapter().estimate(requests);
    expect(estimates).toEqual([
      ...partners.map((partner) => fromGoogle(partner)),
      fromGoogle(partners[0]!, office),
    ]);
    // the two requests run in parallel: either may arrive first
    expect(standIn.requests()).toHaveLength(2);
    expect(standIn.requests()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          api: 'routes',
          fieldMask: routeMatrixFieldMask,
          travelMode: 'TWO_WHEELER',
          origins: partners,
          destinations: [home],
        }),
        expect.objectContaining({ origins: [partners[0]], destinations: [office] }),
      ]),
    );
  });

  it('asks once for departures moments apart: all leave "now" on the wire', async () => {
    const at = Date.now();
    const google = adapter({ now: () => new Date(at) });
    const departures = [at - 1, at, at + 30_000];
    const requests = partners.map((origin, index) => ({
      origin,
      destination: home,
      departAt: new Date(departures[index]!),
    }));
    expect(await google.estimate(requests)).toEqual(partners.map((partner) => fromGoogle(partner)));
    expect(standIn.requests()).toMatchObject([{ origins: partners, destinations: [home], departure: null }]);
  });

  it('asks for a repeated request once and answers it twice', async () => {
    const request = leavingNow(partners[1]!);
    const estimates = await adapter().estimate([request, request]);
    expect(estimates).toEqual([fromGoogle(partners[1]!), fromGoogle(partners[1]!)]);
    expect(standIn.requests()).toHaveLength(1);
  });

  it('sends a departure time only for a later departure (one in the past fails the request)', async () => {
    const later = new Date(Date.now() + 15 * 60_000);
    await adapter().estimate([leavingNow(partners[0]!), { ...leavingNow(partners[0]!), departAt: later }]);
    // the two requests run in parallel: either may arrive first
    const departures = standIn.requests().map((request) => request.departure);
    expect(departures).toHaveLength(2);
    expect(departures).toEqual(expect.arrayContaining([null, later.toISOString()]));
  });

  it('falls back to the offline estimate when Google answers 5xx, 429 or refuses the key', async () => {
    const request = leavingNow(partners[0]!);
    standIn.addFault({ httpStatus: 503, times: 1 });
    expect(await adapter().estimate([request])).toEqual([fellBack(request, 'unavailable')]);
    standIn.addFault({ httpStatus: 429, times: 1 });
    expect(await adapter().estimate([request])).toEqual([fellBack(request, 'rate_limited')]);
    const onFailure = vi.fn();
    expect(await adapter({ apiKey: 'stolen', onFailure }).estimate([request])).toEqual([
      fellBack(request, 'refused'),
    ]);
    expect(onFailure).toHaveBeenCalledWith({
      source: 'google_routes',
      reason: 'refused',
      message: 'HTTP 400 INVALID_ARGUMENT: API key not valid. Please pass a valid API key.',
    });
  });

  it('falls back when Google takes longer than the timeout', async () => {
    standIn.addFault({ delayMs: 5000, times: 1 });
    const request = leavingNow(partners[2]!);
    const impatient = adapter({ settings: { ...googleSettings, timeoutMs: 200 } });
    expect(await impatient.estimate([request])).toEqual([fellBack(request, 'timeout')]);
  });

  it('falls back when Google cannot be reached', async () => {
    const gone = await startGoogleMapsStandIn();
    await gone.close();
    const request = leavingNow(partners[0]!);
    expect(await adapter({ baseUrl: gone.url }).estimate([request])).toEqual([
      fellBack(request, 'unavailable'),
    ]);
  });

  it('falls back per element: no route for one partner, Google’s answer for the others', async () => {
    standIn.addFault({ element: 'no_route', origin: partners[1]!, times: 1 });
    standIn.addFault({ element: 'error', times: 1 });
    const requests = partners.map((partner) => leavingNow(partner));
    expect(await adapter().estimate(requests)).toEqual([
      fromGoogle(partners[0]!),
      fellBack(requests[1]!, 'no_route'),
      fromGoogle(partners[2]!),
    ]);
    expect(await adapter().estimate([requests[0]!])).toEqual([fellBack(requests[0]!, 'element_error')]);
  });

  it('leaves Google alone for a while after failures in a row, then tries again', async () => {
    let now = Date.now();
    const google = adapter({
      settings: { ...googleSettings, failuresToOpen: 2, openSeconds: 30 },
      now: () => new Date(now),
    });
    const request: EtaRequest = leavingNow(partners[0]!);
    standIn.addFault({ httpStatus: 500, times: 2 });
    await google.estimate([request]);
    await google.estimate([request]);
    expect(await google.estimate([request])).toEqual([fellBack(request, 'circuit_open')]);
    expect(standIn.requests()).toHaveLength(2);
    now += 31_000;
    expect(await google.estimate([request])).toEqual([fromGoogle(partners[0]!)]);
  });
});
