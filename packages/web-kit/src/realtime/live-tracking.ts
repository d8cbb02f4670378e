import type { LiveTracking, TrackingUpdate } from '@zefy/contracts';

/**
 * One pushed tracking update applied to a booking's live tracking as the server last gave it; an update of
 * another booking, or one that says nothing of the shown fields (punctuality, a wake-up), leaves it as it is.
 */
export function applyLiveUpdate<T extends LiveTracking>(tracking: T, update: TrackingUpdate): T {
  if (update.bookingId !== tracking.bookingId) return tracking;
  switch (update.kind) {
    case 'position':
      return {
        ...tracking,
        position: update.position,
        lastUpdateAt: update.position.fixAt,
        isDelayed: false,
      };
    case 'eta': {
      const { kind: _kind, bookingId: _bookingId, ...eta } = update;
      return { ...tracking, eta, promisedArrivalAt: tracking.promisedArrivalAt ?? eta.estimatedArrivalAt };
    }
    case 'arrival':
      return {
        ...tracking,
        arrivalStage: update.stage,
        status: update.stage === 'arrived' ? 'arrived' : tracking.status,
      };
    case 'location_delayed':
      return { ...tracking, isDelayed: true };
    case 'location_resumed':
      return { ...tracking, isDelayed: false };
    case 'punctuality':
    case 'wake':
      return tracking;
  }
}
