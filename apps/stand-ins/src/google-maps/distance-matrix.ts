import type { FastifyInstance } from 'fastify';
import { GoogleApiError } from './google-error.ts';
import { type LatLng, modelRoute } from './road-model.ts';
import {
  clientGone,
  failsElement,
  type GoogleMapsStandIn,
  type RecordedRequest,
  waitUnlessGone,
} from './stand-in.ts';

const maxDimension = 25;
const maxElements = 100;

/** `"12.97,77.59"` → a point; addresses and place ids are not geocoded here. */
function parseLocation(text: string): LatLng | null {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return null;
  const point = { lat: Number(match[1]), lng: Number(match[2]) };
  return Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180 ? point : null;
}

const distanceText = (meters: number) => (meters < 1000 ? `${meters} m` : `${(meters / 1000).toFixed(1)} km`);
const durationText = (seconds: number) => {
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes === 1 ? '1 min' : `${minutes} mins`;
};

/**
 * Distance Matrix API (legacy) `GET /maps/api/distancematrix/json`: always HTTP 200 with a top-level
 * `status` (REQUEST_DENIED without a valid key, INVALID_REQUEST, MAX_DIMENSIONS_EXCEEDED over 25 origins or
 * destinations, MAX_ELEMENTS_EXCEEDED over 100 elements), rows in origin order, `duration_in_traffic` for
 * driving with a `departure_time`.
 */
export function distanceMatrixRoutes(standIn: GoogleMapsStandIn) {
  return async function routes(scope: FastifyInstance): Promise<void> {
    scope.get('/maps/api/distancematrix/json', async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const origins = query.origins ? query.origins.split('|') : [];
      const destinations = query.destinations ? query.destinations.split('|') : [];
      const departure = query.departure_time ?? null;
      const entry: Omit<RecordedRequest, 'receivedAt'> = {
        api: 'distance_matrix',
        fieldMask: null,
        origins: origins.flatMap((text) => parseLocation(text) ?? []),
        destinations: destinations.flatMap((text) => parseLocation(text) ?? []),
        departure,
        travelMode: query.mode ?? 'driving',
        httpStatus: 200,
        status: 'OK',
      };
      const refuse = (status: string, errorMessage: string) => {
        entry.status = status;
        return {
          destination_addresses: [],
          origin_addresses: [],
          rows: [],
          status,
          error_message: errorMessage,
        };
      };
      try {
        if (!query.key)
          return refuse(
            'REQUEST_DENIED',
            'You must use an API key to authenticate each request to Google Maps Platform APIs. For additional information, please refer to http://g.co/dev/maps-no-account',
          );
        if (query.key !== standIn.apiKey)
          return refuse('REQUEST_DENIED', 'The provided API key is invalid. ');
        if (origins.length === 0 || destinations.length === 0)
          return refuse(
            'INVALID_REQUEST',
            `Invalid request. Missing the '${origins.length === 0 ? 'origins' : 'destinations'}' parameter.`,
          );
        if (origins.length > maxDimension || destinations.length > maxDimension)
          return refuse('MAX_DIMENSIONS_EXCEEDED', 'Too many origins or destinations; the limit is 25 each.');
        if (origins.length * destinations.length > maxElements)
          return refuse(
            'MAX_ELEMENTS_EXCEEDED',
            'Too many elements (origins × destinations); the limit is 100.',
          );
        if (departure !== null && departure !== 'now') {
          const seconds = Number(departure);
          if (!Number.isInteger(seconds))
            return refuse('INVALID_REQUEST', "Invalid request. Invalid 'departure_time' parameter.");
          if (seconds * 1000 < Date.now() - 1000)
            return refuse(
              'INVALID_REQUEST',
              'departure_time is in the past. Traffic information is only available for future and current times.',
            );
        }

        const fault = standIn.takeFault('distance_matrix');
        if (fault?.delayMs && !(await waitUnlessGone(fault.delayMs, reply.raw))) {
          entry.httpStatus = clientGone;
          return reply.code(clientGone).send();
        }
        if (fault?.httpStatus) throw new GoogleApiError(fault.httpStatus);
        if (fault?.status) return refuse(fault.status, 'A scripted failure of the stand-in.');
        const hasTraffic = departure !== null && entry.travelMode === 'driving';
        return {
          destination_addresses: destinations,
          origin_addresses: origins,
          rows: origins.map((originText) => ({
            elements: destinations.map((destinationText) => {
              const origin = parseLocation(originText);
              const destination = parseLocation(destinationText);
              if (!origin || !destination) return { status: 'NOT_FOUND' };
              if (failsElement(fault, origin))
                return { status: fault?.element === 'no_route' ? 'ZERO_RESULTS' : 'NOT_FOUND' };
              const route = modelRoute(standIn.model, origin, destination);
              return {
                distance: { text: distanceText(route.distanceMeters), value: route.distanceMeters },
                duration: { text: durationText(route.staticSeconds), value: route.staticSeconds },
                ...(hasTraffic
                  ? {
                      duration_in_traffic: {
                        text: durationText(route.trafficSeconds),
                        value: route.trafficSeconds,
                      },
                    }
                  : {}),
                status: 'OK',
              };
            }),
          })),
          status: 'OK',
        };
      } catch (error) {
        if (!(error instanceof GoogleApiError)) throw error;
        entry.httpStatus = error.http;
        entry.status = null;
        return reply.code(error.http).send(error.toBody());
      } finally {
        standIn.record(entry);
      }
    });
  };
}
