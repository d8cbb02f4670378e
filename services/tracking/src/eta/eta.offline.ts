import { distanceMeters } from '../geo.ts';
import type { EtaEstimate, EtaProvider, EtaRequest, OfflineEtaSettings } from './eta.ts';

export interface OfflineEta extends EtaProvider {
  /** The same estimate, synchronously: for a caller that needs no port (a benchmark, the fallback). */
  estimateOne(request: EtaRequest): EtaEstimate;
}

/**
 * The offline estimator: straight-line distance × a road factor, at the speed of the departure's time of
 * day in the hub's time zone. Pure and deterministic: the same request always gets the same answer.
 */
export function offlineEta(settings: OfflineEtaSettings): OfflineEta {
  const { roadFactor, kmhByHour } = settings;
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: settings.timeZone,
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });

  /** The speed at `instant`, between the hour's speed and the next hour's, so an ETA does not jump at :00. */
  function kmhAt(instant: Date): number {
    let hour = 0;
    let minute = 0;
    for (const part of clock.formatToParts(instant)) {
      if (part.type === 'hour') hour = Number(part.value);
      if (part.type === 'minute') minute = Number(part.value);
    }
    const share = minute / 60;
    return kmhByHour[hour]! * (1 - share) + kmhByHour[(hour + 1) % 24]! * share;
  }

  function estimateAt({ origin, destination }: EtaRequest, kmh: number): EtaEstimate {
    const roadMeters = distanceMeters(origin, destination) * roadFactor;
    return {
      durationSeconds: Math.round(roadMeters / (kmh / 3.6)),
      distanceMeters: Math.round(roadMeters),
      source: 'offline',
      fallbackReason: null,
    };
  }

  return {
    estimateOne: (request) => estimateAt(request, kmhAt(request.departAt)),
    // the speed is the same within a minute, and a batch (the monitor's tick) mostly departs at one instant
    estimate: async (requests) => {
      const kmhByMinute = new Map<number, number>();
      return requests.map((request) => {
        const minute = Math.floor(request.departAt.getTime() / 60_000);
        let kmh = kmhByMinute.get(minute);
        if (kmh === undefined) {
          kmh = kmhAt(request.departAt);
          kmhByMinute.set(minute, kmh);
        }
        return estimateAt(request, kmh);
      });
    },
  };
}
