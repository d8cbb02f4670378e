import { type Static, Type } from 'typebox';
import { rolesAccess } from '../access.ts';
import { Nullable, Timestamp, Uuid } from './common.ts';
import { defineRoute } from './route.ts';

export const PositionFixInput = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    accuracyMeters: Type.Number({ minimum: 0, maximum: 100_000, description: 'the fix’s accuracy radius' }),
    fixAt: Type.String({ format: 'date-time', maxLength: 40, description: 'when the device took the fix' }),
  },
  { additionalProperties: false },
);
export type PositionFixInput = Static<typeof PositionFixInput>;

export const UploadPositionsInput = Type.Object(
  {
    positions: Type.Array(PositionFixInput, {
      minItems: 1,
      maxItems: 100,
      description: 'fixes in any order (an offline queue included); they are judged in fix-time order',
    }),
  },
  { additionalProperties: false },
);
export type UploadPositionsInput = Static<typeof UploadPositionsInput>;

export const PositionRejectionReason = Type.Union([
  Type.Literal('out_of_range'),
  Type.Literal('null_island'),
  Type.Literal('inaccurate'),
  Type.Literal('fix_time_invalid'),
  Type.Literal('from_future'),
  Type.Literal('duplicate_fix'),
  Type.Literal('too_fast'),
]);

export const ShownPosition = Type.Object({
  lat: Type.Number(),
  lng: Type.Number(),
  accuracyMeters: Type.Number({ minimum: 0 }),
  fixAt: Timestamp,
});
export type ShownPosition = Static<typeof ShownPosition>;

export const PositionsAccepted = Type.Object({
  accepted: Type.Integer({
    minimum: 0,
    description: 'fixes kept (latest, hidden as jitter, or late for the trail)',
  }),
  rejected: Type.Array(
    Type.Object({ index: Type.Integer({ minimum: 0 }), reason: PositionRejectionReason }),
    { description: 'the fixes refused, by their index in the upload' },
  ),
});
export type PositionsAccepted = Static<typeof PositionsAccepted>;

export const EtaView = Type.Object({
  estimatedArrivalAt: Timestamp,
  durationSeconds: Type.Integer({ minimum: 0 }),
  distanceMeters: Type.Integer({ minimum: 0 }),
  source: Type.Union([
    Type.Literal('offline'),
    Type.Literal('google_routes'),
    Type.Literal('google_distance_matrix'),
  ]),
  computedAt: Timestamp,
});
export type EtaView = Static<typeof EtaView>;

export const ArrivalStage = Type.Union([
  Type.Literal('en_route'),
  Type.Literal('near'),
  Type.Literal('arriving'),
  Type.Literal('arrived'),
]);
export type ArrivalStage = Static<typeof ArrivalStage>;

export const TrackedStatus = Type.Union(
  [
    Type.Literal('assigned'),
    Type.Literal('en_route'),
    Type.Literal('arrived'),
    Type.Literal('released'),
    Type.Literal('cancelled'),
  ],
  { description: "the booking's state as tracking knows it; released: the partner no longer has it" },
);

/** A booking's live tracking: where its partner is, when they will be there, and how fresh that is. */
export const LiveTracking = Type.Object({
  bookingId: Uuid,
  partnerId: Type.String(),
  status: TrackedStatus,
  position: Nullable(ShownPosition),
  lastUpdateAt: Nullable(Type.String({ format: 'date-time', description: "the latest fix's time" })),
  isDelayed: Type.Boolean({ description: 'en route and the latest fix is stale: show "location delayed"' }),
  eta: Nullable(EtaView),
  promisedArrivalAt: Nullable(
    Type.String({ format: 'date-time', description: 'the first ETA after "On my way"' }),
  ),
  arrivalStage: Nullable(ArrivalStage),
  destination: Nullable(
    Type.Object({ lat: Type.Number(), lng: Type.Number() }, { description: "the customer's address pin" }),
  ),
});
export type LiveTracking = Static<typeof LiveTracking>;

/** What the customer, the partner and the team are pushed while a booking is tracked (realtime `tracking`). */
export type TrackingUpdate =
  | { kind: 'position'; bookingId: string; position: ShownPosition }
  | ({ kind: 'eta'; bookingId: string } & EtaView)
  | { kind: 'arrival'; bookingId: string; stage: ArrivalStage; distanceMeters: number | null }
  | { kind: 'location_delayed'; bookingId: string; lastFixAt: string | null }
  | { kind: 'location_resumed'; bookingId: string }
  /** To the partner's app only: its position is stale, send GPS again. */
  | { kind: 'wake'; bookingId: string }
  | {
      kind: 'punctuality';
      bookingId: string;
      punctuality: 'on_time' | 'late' | 'early';
      estimatedArrivalAt: string;
      deviationSeconds: number;
    };

const bookingParams = Type.Object({ bookingId: Uuid });

/** The tracking service (services/tracking): positions in, live tracking out. */
export const trackingRoutes = {
  uploadPositions: defineRoute({
    service: 'tracking',
    method: 'POST',
    url: '/api/v1/partner/jobs/:bookingId/positions',
    summary:
      'Your position fixes on the way to the job (a batch of ≤ 100); each is judged, refused ones counted',
    access: rolesAccess('partner'),
    owner: { param: 'bookingId', resource: 'en-route-job', roles: ['partner'] },
    schema: { params: bookingParams, body: UploadPositionsInput, response: { 200: PositionsAccepted } },
  }),
  getTracking: defineRoute({
    service: 'tracking',
    method: 'GET',
    url: '/api/v1/bookings/:bookingId/tracking',
    summary:
      "The partner's latest position, the ETA and how fresh they are: the booking's customer, its partner, staff",
    access: rolesAccess('customer', 'partner', 'admin', 'ops'),
    owner: { param: 'bookingId', resource: 'tracked-booking', roles: ['customer', 'partner'] },
    schema: { params: bookingParams, response: { 200: LiveTracking } },
  }),
};
