import { trackingRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { TrackingDeps } from '../deps.ts';
import { liveTrackingOf, uploadPositions } from './live.commands.ts';

export function registerLiveRoutes(app: FastifyInstance, deps: TrackingDeps): void {
  implementRoute(app, deps.db, trackingRoutes.uploadPositions, ({ principal, params, body }) =>
    uploadPositions(deps, params.bookingId, principal.id, body.positions),
  );

  implementRoute(app, deps.db, trackingRoutes.getTracking, ({ principal, params }) =>
    liveTrackingOf(deps, params.bookingId, principal),
  );
}
