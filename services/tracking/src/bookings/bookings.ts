import type { EtaView, EventData } from '@zefy/contracts';
import { assertNever } from '@zefy/platform/domain';
import { type ArrivalSettings, type ArrivalState, arrivalDecider } from '../arrival/arrival.ts';
import type { LatLng } from '../geo.ts';
import type { MonitorState } from '../monitor/monitor.ts';

export type TrackedStatus = 'assigned' | 'en_route' | 'arrived' | 'released' | 'cancelled';

/** What tracking knows of a booking someone has: learnt from booking's events, plus its own live state. */
export interface TrackedBooking {
  bookingId: string;
  hubId: string;
  customerId: string;
  partnerId: string;
  status: TrackedStatus;
  destination: LatLng | null;
  startedAt: string | null;
  promisedArrivalAt: string | null;
  arrival: ArrivalState;
  monitor: MonitorState;
  eta: EtaView | null;
}

/** The booking events tracking follows. */
export type BookingFact =
  | { type: 'booking.partner_assigned'; data: EventData<'booking.partner_assigned'> }
  | { type: 'booking.en_route'; data: EventData<'booking.en_route'> }
  | { type: 'booking.arrived'; data: EventData<'booking.arrived'> }
  | { type: 'booking.partner_released'; data: EventData<'booking.partner_released'> }
  | { type: 'booking.cancelled'; data: EventData<'booking.cancelled'> };

const fresh = (
  data: { bookingId: string; hubId: string; customerId: string; partnerId: string },
  status: TrackedStatus,
): TrackedBooking => ({
  bookingId: data.bookingId,
  hubId: data.hubId,
  customerId: data.customerId,
  partnerId: data.partnerId,
  status,
  destination: null,
  startedAt: null,
  promisedArrivalAt: null,
  arrival: { status: 'none' },
  monitor: { status: 'none' },
  eta: null,
});

const isTheirs = (current: TrackedBooking | null, partnerId: string): current is TrackedBooking =>
  current !== null && current.partnerId === partnerId && current.status !== 'cancelled';

/**
 * The tracked booking after one of booking's events (null: nothing to track). A new partner starts over;
 * a redelivered fact, or the previous partner backing out, changes nothing. A fact about another partner is
 * the newer one (the consumer drops facts older than the last one applied), so it wins. Pure: the consumer
 * loads, applies and saves.
 */
export function trackedAfter(
  current: TrackedBooking | null,
  fact: BookingFact,
  settings: ArrivalSettings,
): TrackedBooking | null {
  const arrival = arrivalDecider(settings);
  switch (fact.type) {
    case 'booking.partner_assigned':
      if (isTheirs(current, fact.data.partnerId) && current.status !== 'released') return current;
      return fresh(fact.data, 'assigned');
    case 'booking.en_route': {
      const { data } = fact;
      if (isTheirs(current, data.partnerId) && current.status !== 'assigned' && current.status !== 'released')
        return current;
      const started = data.destination
        ? arrival.decide(
            { type: 'Start', bookingId: data.bookingId, destination: data.destination },
            { status: 'none' },
            { actor: { kind: 'system', id: 'tracking' }, now: new Date(data.startedAt) },
          )
        : null;
      return {
        ...fresh(data, 'en_route'),
        destination: data.destination,
        startedAt: data.startedAt,
        arrival: started?.ok
          ? started.events.reduce(arrival.evolve, arrival.initialState)
          : { status: 'none' },
      };
    }
    case 'booking.arrived': {
      const { data } = fact;
      const base = isTheirs(current, data.partnerId)
        ? current
        : { ...fresh(data, 'arrived'), startedAt: data.startedAt };
      const confirmed = arrival.decide({ type: 'ConfirmArrival' }, base.arrival, {
        actor: { kind: 'partner', id: data.partnerId },
        now: new Date(data.arrivedAt),
      });
      return {
        ...base,
        status: 'arrived',
        arrival: confirmed.ok ? confirmed.events.reduce(arrival.evolve, base.arrival) : base.arrival,
      };
    }
    case 'booking.partner_released':
      return isTheirs(current, fact.data.partnerId) ? { ...current, status: 'released' } : current;
    case 'booking.cancelled':
      return current === null ? null : { ...current, status: 'cancelled' };
    default:
      return assertNever(fact);
  }
}
