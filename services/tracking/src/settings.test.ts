import { describe, expect, it } from 'vitest';
import { checkTrackingSettings, trackingDefaults } from './settings.ts';

describe('tracking settings', () => {
  it('are valid by default, with the numbers of the specification', () => {
    expect(checkTrackingSettings(trackingDefaults)).toEqual([]);
    expect(trackingDefaults.positions).toMatchObject({
      maxAccuracyMeters: 50,
      maxBatchSize: 100,
      jitterMeters: 25,
    });
    expect(trackingDefaults.arrival).toEqual({
      nearMeters: 500,
      arrivingMeters: 100,
      arrivedMeters: 40,
      progressMeters: 50,
    });
    expect(trackingDefaults.monitor).toMatchObject({ ticksToChange: 2, staleAfterSeconds: 30 });
    expect(trackingDefaults.eta.offline).toMatchObject({ roadFactor: 1.35, timeZone: 'Asia/Kolkata' });
  });

  it('refuse a value out of its range or of the wrong kind', () => {
    const settings = {
      ...trackingDefaults,
      positions: { ...trackingDefaults.positions, maxBatchSize: 2.5, maxAccuracyMeters: 0 },
      eta: { ...trackingDefaults.eta, offline: { ...trackingDefaults.eta.offline, kmhByHour: [20, 30] } },
    };
    expect(checkTrackingSettings(settings)).toEqual([
      '/positions/maxAccuracyMeters must be >= 1',
      '/positions/maxBatchSize must be integer',
      '/eta/offline/kmhByHour must not have fewer than 24 items',
    ]);
  });

  it('refuse arrival thresholds out of order, a hysteresis as wide as a threshold and an unknown time zone', () => {
    const settings = {
      ...trackingDefaults,
      arrival: { ...trackingDefaults.arrival, arrivingMeters: 30 },
      monitor: { ...trackingDefaults.monitor, hysteresisSeconds: 300 },
      eta: {
        ...trackingDefaults.eta,
        offline: { ...trackingDefaults.eta.offline, timeZone: 'Asia/Bengaluru' },
      },
    };
    expect(checkTrackingSettings(settings)).toEqual([
      '/arrival must have arrivedMeters < arrivingMeters < nearMeters',
      '/monitor/hysteresisSeconds must be less than lateAfterSeconds and earlyBeforeSeconds',
      '/eta/offline/timeZone Asia/Bengaluru is unknown',
    ]);
  });
});
