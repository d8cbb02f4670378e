import { type Static, Type } from 'typebox';
import Value from 'typebox/value';
import { ArrivalSettings } from './arrival/arrival.ts';
import { EtaSettings } from './eta/eta.ts';
import { MonitorSettings } from './monitor/monitor.ts';
import { PositionSettings } from './positions/positions.ts';

/** Every knob of tracking, with its range, default and meaning in the schema (`description`). */
export const TrackingSettings = Type.Object({
  positions: PositionSettings,
  arrival: ArrivalSettings,
  eta: EtaSettings,
  monitor: MonitorSettings,
});
export type TrackingSettings = Static<typeof TrackingSettings>;
export const trackingDefaults: TrackingSettings = Value.Create(TrackingSettings);

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a set of settings, one line per problem; empty when it is valid. */
export function checkTrackingSettings(settings: TrackingSettings): string[] {
  if (!Value.Check(TrackingSettings, settings))
    return [
      ...new Set([...Value.Errors(TrackingSettings, settings)].map((e) => `${e.instancePath} ${e.message}`)),
    ];
  const { arrival, monitor, eta } = settings;
  const problems: string[] = [];
  if (!(arrival.arrivedMeters < arrival.arrivingMeters && arrival.arrivingMeters < arrival.nearMeters))
    problems.push('/arrival must have arrivedMeters < arrivingMeters < nearMeters');
  if (monitor.hysteresisSeconds >= Math.min(monitor.lateAfterSeconds, monitor.earlyBeforeSeconds))
    problems.push('/monitor/hysteresisSeconds must be less than lateAfterSeconds and earlyBeforeSeconds');
  if (!isTimeZone(eta.offline.timeZone))
    problems.push(`/eta/offline/timeZone ${eta.offline.timeZone} is unknown`);
  return problems;
}
