import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LatLng, modelRoute } from './road-model.ts';
import { startGoogleMapsStandIn } from './server.ts';

const standIn = await startGoogleMapsStandIn({ apiKey: 'maps-test-key' });
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

const home: LatLng = { lat: 12.9716, lng: 77.5946 };
const office: LatLng = { lat: 12.9352, lng: 77.6245 };
const partnerA: LatLng = { lat: 12.98, lng: 77.6 };
const partnerB: LatLng = { lat: 12.96, lng: 77.58 };
const waypoint = ({ lat, lng }: LatLng) => ({
  waypoint: { location: { latLng: { latitude: lat, longitude: lng } } },
});
const mask = 'originIndex,destinationIndex,status,condition,distanceMeters,duration';

const routeMatrix = (
  body: object,
  headers: Record<string, string> = { 'x-goog-api-key': 'maps-test-key', 'x-goog-fieldmask': mask },
) =>
  fetch(`${standIn.url}/distanceMatrix/v2:computeRouteMatrix`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const matrixOf = (origins: LatLng[], destinations: LatLng[], extra: object = {}) => ({
  origins: origins.map(waypoint),
  destinations: destinations.map(waypoint),
  travelMode: 'TWO_WHEELER',
  routingPreference: 'TRAFFIC_AWARE',
  ...extra,
});
const distanceMatrix = (params: Record<string, string>) =>
  fetch(`${standIn.url}/maps/api/distancematrix/json?${new URLSearchParams(params)}`);
const location = ({ lat, lng }: LatLng) => `${lat},${lng}`;

describe('the Routes API stand-in (computeRouteMatrix)', () => {
  it('answers every origin × destination from its road model, out of request order, durations in "Ns"', async () => {
    const origins = [partnerA, partnerB];
    const destinations = [home, office];
    const response = await routeMatrix(matrixOf(origins, destinations));
    expect(response.status).toBe(200);
    const elements = (await response.json()) as Array<{ originIndex: number; destinationIndex: number }>;
    const expected = origins.flatMap((origin, originIndex) =>
      destinations.map((destination, destinationIndex) => {
        const route = modelRoute(standIn.model, origin, destination);
        return {
          originIndex,
          destinationIndex,
          status: {},
          condition: 'ROUTE_EXISTS',
          distanceMeters: route.distanceMeters,
          duration: `${route.trafficSeconds}s`,
        };
      }),
    );
    expect(elements).toHaveLength(4);
    expect(elements).toEqual(expect.arrayContaining(expected));
    expect(elements).not.toEqual(expected);
  });

  it('models a 24 km/h ride over 1.3 × the straight line, 25% slower in traffic', () => {
    expect(modelRoute(standIn.model, partnerA, home)).toEqual({
      distanceMeters: 1428,
      staticSeconds: 214,
      trafficSeconds: 268,
    });
  });

  it('answers static durations without traffic-aware routing', async () => {
    const response = await routeMatrix(
      matrixOf([partnerA], [home], { routingPreference: 'TRAFFIC_UNAWARE' }),
    );
    expect(await response.json()).toEqual([expect.objectContaining({ duration: '214s' })]);
  });

  it('returns only the fields of the field mask', async () => {
    const response = await routeMatrix(matrixOf([partnerA], [home]), {
      'x-goog-api-key': 'maps-test-key',
      'x-goog-fieldmask': 'originIndex,duration',
    });
    expect(await response.json()).toEqual([{ originIndex: 0, duration: '268s' }]);
  });

  it('refuses a request without an API key (403), with a wrong one or without a field mask (400)', async () => {
    const anonymous = await routeMatrix(matrixOf([partnerA], [home]), { 'x-goog-fieldmask': mask });
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
    const wrongKey = await routeMatrix(matrixOf([partnerA], [home]), {
      'x-goog-api-key': 'stolen',
      'x-goog-fieldmask': mask,
    });
    expect(wrongKey.status).toBe(400);
    expect(await wrongKey.json()).toMatchObject({
      error: { status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] },
    });
    const noMask = await routeMatrix(matrixOf([partnerA], [home]), { 'x-goog-api-key': 'maps-test-key' });
    expect(noMask.status).toBe(400);
    expect(await noMask.json()).toMatchObject({
      error: {
        status: 'INVALID_ARGUMENT',
        message: expect.stringContaining('FieldMask is a required parameter'),
      },
    });
  });

  it('refuses more than 625 elements, more than 100 when traffic-aware optimal, and a past departure', async () => {
    const origins = Array.from({ length: 26 }, (_, index) => ({ lat: 12.9 + index / 1000, lng: 77.6 }));
    const tooMany = await routeMatrix(matrixOf(origins, origins.slice(0, 25)));
    expect(tooMany.status).toBe(400);
    const optimal = await routeMatrix(
      matrixOf(origins.slice(0, 11), origins.slice(0, 10), { routingPreference: 'TRAFFIC_AWARE_OPTIMAL' }),
    );
    expect(optimal.status).toBe(400);
    const past = await routeMatrix(matrixOf([partnerA], [home], { departureTime: '2020-01-01T00:00:00Z' }));
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({
      error: { message: 'Timestamp must be set to a future time.' },
    });
    expect((await routeMatrix(matrixOf(origins.slice(0, 25), origins.slice(0, 25)))).status).toBe(200);
  });

  it('fails scripted elements: no route from one origin, then an element error for all', async () => {
    standIn.addFault({ element: 'no_route', origin: partnerA, times: 1 });
    standIn.addFault({ element: 'error', times: 1 });
    const noRoute = await routeMatrix(matrixOf([partnerA, partnerB], [home]));
    expect(await noRoute.json()).toEqual(
      expect.arrayContaining([
        { originIndex: 0, destinationIndex: 0, status: {}, condition: 'ROUTE_NOT_FOUND' },
        expect.objectContaining({ originIndex: 1, condition: 'ROUTE_EXISTS' }),
      ]),
    );
    const failed = await routeMatrix(matrixOf([partnerA], [home]));
    expect(await failed.json()).toEqual([
      { originIndex: 0, destinationIndex: 0, status: { code: 5, message: 'Waypoint could not be found.' } },
    ]);
  });

  it('answers a scripted 503 a given number of times, then recovers', async () => {
    standIn.addFault({ api: 'routes', httpStatus: 503, times: 1 });
    const failed = await routeMatrix(matrixOf([partnerA], [home]));
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({
      error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' },
    });
    expect((await routeMatrix(matrixOf([partnerA], [home]))).status).toBe(200);
  });

  it('holds a scripted slow answer back past a client’s timeout, and records the request as 499', async () => {
    standIn.addFault({ delayMs: 2000, times: 1 });
    const request = fetch(`${standIn.url}/distanceMatrix/v2:computeRouteMatrix`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-goog-api-key': 'maps-test-key',
        'x-goog-fieldmask': mask,
      },
      body: JSON.stringify(matrixOf([partnerA], [home])),
      signal: AbortSignal.timeout(100),
    });
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
    // recorded as soon as the client gave up, not when the delay would have ended
    await vi.waitFor(() => expect(standIn.requests()).toMatchObject([{ api: 'routes', httpStatus: 499 }]));
  });

  it('takes faults and lists requests through its control API, for tests in another process', async () => {
    const scripted = await fetch(`${standIn.url}/control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api: 'routes', httpStatus: 500 }),
    });
    expect(scripted.status).toBe(204);
    expect((await routeMatrix(matrixOf([partnerA], [home]))).status).toBe(500);
    await fetch(`${standIn.url}/control/faults`, { method: 'DELETE' });
    expect((await routeMatrix(matrixOf([partnerA], [home]))).status).toBe(200);
    const requests = await (await fetch(`${standIn.url}/control/requests`)).json();
    expect(requests).toMatchObject({
      items: [
        { api: 'routes', httpStatus: 500, fieldMask: mask, travelMode: 'TWO_WHEELER', origins: [partnerA] },
        { api: 'routes', httpStatus: 200 },
      ],
    });
  });
});

describe('the Distance Matrix stand-in (legacy)', () => {
  it('answers rows in origin order with traffic durations for a driving departure', async () => {
    const response = await distanceMatrix({
      origins: [partnerA, partnerB].map(location).join('|'),
      destinations: location(home),
      departure_time: 'now',
      key: 'maps-test-key',
    });
    expect(response.status).toBe(200);
    const route = modelRoute(standIn.model, partnerA, home);
    const body = await response.json();
    expect(body).toMatchObject({
      status: 'OK',
      origin_addresses: [location(partnerA), location(partnerB)],
      rows: [
        {
          elements: [
            {
              status: 'OK',
              distance: { text: '1.4 km', value: route.distanceMeters },
              duration: { text: '4 mins', value: route.staticSeconds },
              duration_in_traffic: { text: '4 mins', value: route.trafficSeconds },
            },
          ],
        },
        { elements: [{ status: 'OK' }] },
      ],
    });
  });

  it.each([
    ['no key', 'REQUEST_DENIED', { origins: location(partnerA), destinations: location(home) }],
    [
      'a wrong key',
      'REQUEST_DENIED',
      { origins: location(partnerA), destinations: location(home), key: 'x' },
    ],
    ['no destinations', 'INVALID_REQUEST', { origins: location(partnerA), key: 'maps-test-key' }],
    [
      'a past departure',
      'INVALID_REQUEST',
      {
        origins: location(partnerA),
        destinations: location(home),
        departure_time: '1577836800',
        key: 'maps-test-key',
      },
    ],
    [
      '26 origins',
      'MAX_DIMENSIONS_EXCEEDED',
      {
        origins: Array(26).fill(location(partnerA)).join('|'),
        destinations: location(home),
        key: 'maps-test-key',
      },
    ],
    [
      '11 × 10 elements',
      'MAX_ELEMENTS_EXCEEDED',
      {
        origins: Array(11).fill(location(partnerA)).join('|'),
        destinations: Array(10).fill(location(home)).join('|'),
        key: 'maps-test-key',
      },
    ],
  ])('answers %s with HTTP 200 and status %s', async (_, status, params) => {
    const response = await distanceMatrix(params);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status, rows: [] });
  });

  it('answers NOT_FOUND for a place it cannot read, ZERO_RESULTS for a scripted missing route', async () => {
    standIn.addFault({ api: 'distance_matrix', element: 'no_route', origin: partnerB });
    const response = await distanceMatrix({
      origins: ['Indiranagar, Bengaluru', location(partnerB)].join('|'),
      destinations: location(home),
      key: 'maps-test-key',
    });
    expect(await response.json()).toMatchObject({
      status: 'OK',
      rows: [{ elements: [{ status: 'NOT_FOUND' }] }, { elements: [{ status: 'ZERO_RESULTS' }] }],
    });
  });

  it('answers a scripted top-level failure with HTTP 200', async () => {
    standIn.addFault({ api: 'distance_matrix', status: 'UNKNOWN_ERROR', times: 1 });
    const response = await distanceMatrix({
      origins: location(partnerA),
      destinations: location(home),
      key: 'maps-test-key',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'UNKNOWN_ERROR' });
  });
});
