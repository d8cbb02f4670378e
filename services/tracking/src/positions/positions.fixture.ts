import type { DecideContext } from '@zefy/platform/domain';
import { offset } from '../geo.fixture.ts';
import type { PositionFix } from './positions.ts';

const start = Date.parse('2026-03-02T10:00:00.000Z');
export const at = (seconds: number): string => new Date(start + seconds * 1000).toISOString();

/** A fix `seconds` into the journey, `north` and `east` metres from the origin. */
export const fixAt = (seconds: number, north = 0, accuracyMeters = 10, east = 0): PositionFix => ({
  ...offset(north, east),
  accuracyMeters,
  fixAt: at(seconds),
});

export const partnerAt = (seconds: number): DecideContext => ({
  actor: { kind: 'partner', id: 'p-1' },
  now: new Date(at(seconds)),
});
