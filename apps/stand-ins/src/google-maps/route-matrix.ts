import type { FastifyInstance } from 'fastify';
import { GoogleApiError } from './google-error.ts';
import { type LatLng, modelRoute } from './road-model.ts';
import {
  clientGone,
  failsElement,
  type GoogleMapsStandIn,
  type RecordedRequest,
  reordered,
  waitUnlessGone,
} from './stand-in.ts';

/** Elements per request, and with TRAFFIC_AWARE_OPTIMAL routing. */
const maxElements = 625;
const maxOptimalElements = 100;
const travelModes = ['DRIVE', 'BICYCLE', 'WALK', 'TWO_WHEELER', 'TRANSIT'];
const routingPreferences = ['TRAFFIC_UNAWARE', 'TRAFFIC_AWARE', 'TRAFFIC_AWARE_OPTIMAL'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (message: string) => new GoogleApiError(400, message);

function waypointsOf(value: unknown, field: 'origins' | 'destinations'): LatLng[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalid(`Invalid ${field}: at least one ${field.slice(0, -1)} is required.`);
  return value.map((entry, index) => {
    const waypoint = isRecord(entry) && isRecord(entry.waypoint) ? entry.waypoint : {};
    const latLng = isRecord(waypoint.location) ? waypoint.location.latLng : undefined;
    if (!isRecord(latLng))
      throw invalid(`${field}[${index}]: this stand-in answers waypoint.location.latLng waypoints only.`);
    // proto3 JSON leaves zero values out
    const { latitude = 0, longitude = 0 } = latLng;
    if (
      typeof latitude !== 'number' ||
      typeof longitude !== 'number' ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180
    )
      throw invalid(`Invalid value at '${field}[${index}].waypoint.location.lat_lng'.`);
    return { lat: latitude, lng: longitude };
  });
}

/** The top-level fields a field mask asks for (`*`: all). */
function masked(element: Record<string, unknown>, fieldMask: string): Record<string, unknown> {
  const fields = fieldMask.split(',').map((path) => path.trim().split('.')[0]);
  if (fields.includes('*')) return element;
  return Object.fromEntries(Object.entries(element).filter(([field]) => fields.includes(field)));
}

/**
 * Routes API `computeRouteMatrix`: API key and field mask required (`X-Goog-Api-Key`, `X-Goog-FieldMask` or
 * `$fields`), latLng waypoints, element limits, no departure in the past; the answer is a JSON array of
 * elements out of request order, with only the masked fields, durations as `"Ns"`.
 */
export function routeMatrixRoutes(standIn: GoogleMapsStandIn) {
  return async function routes(scope: FastifyInstance): Promise<void> {
    scope.post('/distanceMatrix/v2::computeRouteMatrix', async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' && value !== '' ? value : null;
      };
      const body = isRecord(request.body) ? request.body : {};
      const fieldMask = header('x-goog-fieldmask') ?? query.$fields ?? query.fields ?? null;
      const travelMode = typeof body.travelMode === 'string' ? body.travelMode : 'DRIVE';
      const departure = typeof body.departureTime === 'string' ? body.departureTime : null;
      const entry: Omit<RecordedRequest, 'receivedAt'> = {
        api: 'routes',
        fieldMask,
        origins: [],
        destinations: [],
        departure,
        travelMode,
        httpStatus: 200,
        status: null,
      };
      try {
        const key = header('x-goog-api-key') ?? query.key;
        if (!key) throw new GoogleApiError(403, 'The request is missing a valid API key.');
        if (key !== standIn.apiKey)
          throw new GoogleApiError(400, 'API key not valid. Please pass a valid API key.', [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'API_KEY_INVALID',
              domain: 'googleapis.com',
              metadata: { service: 'routes.googleapis.com' },
            },
          ]);
        if (!fieldMask)
          throw invalid(
            "FieldMask is a required parameter. See https://cloud.google.com/apis/docs/system-parameters on how to provide it. As an example, you can set the header 'X-Goog-FieldMask' to value 'originIndex,destinationIndex,status,condition,distanceMeters,duration' to ask for the route distance, duration, and condition for each element.",
          );
        entry.origins = waypointsOf(body.origins, 'origins');
        entry.destinations = waypointsOf(body.destinations, 'destinations');
        const routingPreference = body.routingPreference;
        if (!travelModes.includes(travelMode))
          throw invalid(
            `Invalid value at 'travel_mode' (type.googleapis.com/google.maps.routing.v2.RouteTravelMode), "${travelMode}"`,
          );
        if (routingPreference !== undefined) {
          if (typeof routingPreference !== 'string' || !routingPreferences.includes(routingPreference))
            throw invalid(`Invalid value at 'routing_preference', "${String(routingPreference)}"`);
          if (travelMode !== 'DRIVE' && travelMode !== 'TWO_WHEELER')
            throw invalid('Routing preference cannot be set for the given travel mode.');
        }
        const elementCount = entry.origins.length * entry.destinations.length;
        const limit = routingPreference === 'TRAFFIC_AWARE_OPTIMAL' ? maxOptimalElements : maxElements;
        if (elementCount > limit)
          throw invalid(
            `The number of elements (origins × destinations) is ${elementCount}; the limit is ${limit}.`,
          );
        if (departure !== null && !(Date.parse(departure) >= Date.now()))
          throw invalid('Timestamp must be set to a future time.');

        const fault = standIn.takeFault('routes');
        if (fault?.delayMs && !(await waitUnlessGone(fault.delayMs, reply.raw))) {
          entry.httpStatus = clientGone;
          return reply.code(clientGone).send();
        }
        if (fault?.httpStatus) throw new GoogleApiError(fault.httpStatus);
        const isTrafficAware =
          routingPreference === 'TRAFFIC_AWARE' || routingPreference === 'TRAFFIC_AWARE_OPTIMAL';
        const elements = entry.origins.flatMap((origin, originIndex) =>
          entry.destinations.map((destination, destinationIndex): Record<string, unknown> => {
            const indexes = { originIndex, destinationIndex };
            if (failsElement(fault, origin))
              return fault?.element === 'no_route'
                ? { ...indexes, status: {}, condition: 'ROUTE_NOT_FOUND' }
                : { ...indexes, status: { code: 5, message: 'Waypoint could not be found.' } };
            const route = modelRoute(standIn.model, origin, destination);
            return {
              ...indexes,
              status: {},
              condition: 'ROUTE_EXISTS',
              distanceMeters: route.distanceMeters,
              duration: `${isTrafficAware ? route.trafficSeconds : route.staticSeconds}s`,
              staticDuration: `${route.staticSeconds}s`,
            };
          }),
        );
        return reply.send(
          reordered(elements, standIn.nextSeed()).map((element) => masked(element, fieldMask)),
        );
      } catch (error) {
        if (!(error instanceof GoogleApiError)) throw error;
        entry.httpStatus = error.http;
        return reply.code(error.http).send(error.toBody());
      } finally {
        standIn.record(entry);
      }
    });
  };
}
