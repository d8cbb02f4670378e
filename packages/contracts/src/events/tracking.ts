import { Type } from 'typebox';

const Ids = {
  bookingId: Type.String(),
  customerId: Type.String(),
  hubId: Type.String(),
  partnerId: Type.String(),
};

/**
 * What the tracking service tells the others (services/tracking). Positions and ETAs themselves are not
 * events: they go straight to the watching sockets (`tracking` realtime messages) and to the cache.
 */
export const trackingEvents = {
  /** The first ETA after "On my way": the arrival the customer is promised, and late or early is judged against. */
  'tracking.arrival_promised': {
    version: 1,
    data: Type.Object({
      ...Ids,
      promisedArrivalAt: Type.String({ format: 'date-time' }),
      distanceMeters: Type.Integer({ minimum: 0, description: 'by road, as estimated then' }),
    }),
  },
  /** The partner's position came within the arrival radius of the address: booking moves the booking to arrived. */
  'tracking.partner_arrived': {
    version: 1,
    data: Type.Object({
      ...Ids,
      distanceMeters: Type.Integer({ minimum: 0, description: 'straight line to the address pin' }),
      fixAt: Type.String({ format: 'date-time', description: 'the fix that arrived' }),
    }),
  },
  /**
   * The ETA monitor saw the partner late or early beyond the threshold on consecutive ticks (or back on
   * time): told to the customer once per change.
   */
  'tracking.punctuality_changed': {
    version: 1,
    data: Type.Object({
      ...Ids,
      punctuality: Type.Union([Type.Literal('on_time'), Type.Literal('late'), Type.Literal('early')]),
      estimatedArrivalAt: Type.String({ format: 'date-time' }),
      promisedArrivalAt: Type.String({ format: 'date-time' }),
      deviationSeconds: Type.Integer({ description: 'ETA minus the promised arrival: positive is late' }),
    }),
  },
  /**
   * The partner's position went stale en route (once per episode, then every few minutes while it lasts):
   * their app is woken with a silent push to send GPS again.
   */
  'tracking.partner_wake_requested': {
    version: 1,
    data: Type.Object({
      ...Ids,
      lastFixAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'the latest fix, null if none came since "On my way"',
      }),
      requestedAt: Type.String({ format: 'date-time' }),
    }),
  },
} as const;
