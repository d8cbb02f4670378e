import type { DecideContext } from '@zefy/platform/domain';
import { given } from '@zefy/platform/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offset, origin } from '../geo.fixture.ts';
import {
  type ArrivalCommand,
  type ArrivalEvent,
  type ArrivalState,
  arrivalDecider,
  arrivalDefaults,
  arrivalStages,
  type ReachedStage,
} from './arrival.ts';

const decider = arrivalDecider(arrivalDefaults);
const system: DecideContext = {
  actor: { kind: 'system', id: 'tracking' },
  now: new Date('2026-03-02T10:00:00Z'),
};
const started: ArrivalEvent = {
  type: 'tracking.arrival_started',
  data: { bookingId: 'b-1', destination: origin },
};
const observe = (metersAway: number): ArrivalCommand => ({ type: 'Observe', position: offset(metersAway) });
const progressed = (distanceMeters: number): ArrivalEvent => ({
  type: 'tracking.arrival_progressed',
  data: { bookingId: 'b-1', distanceMeters },
});
const reached = (stage: ReachedStage, distanceMeters: number | null): ArrivalEvent => ({
  type: 'tracking.arrival_reached',
  data: {
    bookingId: 'b-1',
    stage,
    by: distanceMeters === null ? 'partner' : 'distance',
    distanceMeters,
    notificationKey: `b-1:arrival:${stage}`,
  },
});

describe('arrival', () => {
  it('starts en route when the partner sets off, once', () => {
    const start: ArrivalCommand = { type: 'Start', bookingId: 'b-1', destination: origin };
    given(decider).when(start, system).thenEmits(started);
    given(decider, started).when(start, system).thenEmits();
  });

  it('ignores positions before the partner set off', () => {
    given(decider).when(observe(30), system).thenEmits();
  });

  it('records the first distance, then only progress of 50 m or more', () => {
    given(decider, started).when(observe(2000), system).thenEmits(progressed(2000));
    given(decider, started, progressed(2000)).when(observe(1960), system).thenEmits();
    given(decider, started, progressed(2000)).when(observe(1950), system).thenEmits(progressed(1950));
  });

  it('tells the customer the partner is near within 500 m, arriving within 100 m, arrived within 40 m', () => {
    given(decider, started, progressed(800)).when(observe(480), system).thenEmits(reached('near', 480));
    given(decider, started, reached('near', 480))
      .when(observe(95), system)
      .thenEmits(reached('arriving', 95));
    given(decider, started, reached('arriving', 95))
      .when(observe(38), system)
      .thenEmits(reached('arrived', 38));
  });

  it('takes a threshold crossing at once, though it is less than 50 m of progress', () => {
    given(decider, started, reached('arriving', 60))
      .when(observe(30), system)
      .thenEmits(reached('arrived', 30));
  });

  it('skips the stages in between when first seen at the door: one message, not three', () => {
    given(decider, started).when(observe(20), system).thenEmits(reached('arrived', 20));
  });

  it('never goes back when the partner drives away again', () => {
    const state = given(decider, started, reached('arriving', 90)).when(observe(700), system).thenEmits();
    expect(state).toMatchObject({ stage: 'arriving' });
  });

  it('takes the partner’s tap as arrival, once, and nothing after arrival', () => {
    const tap: ArrivalCommand = { type: 'ConfirmArrival' };
    given(decider, started, reached('near', 400)).when(tap, system).thenEmits(reached('arrived', null));
    given(decider, started, reached('arrived', null)).when(tap, system).thenEmits();
    given(decider, started, reached('arrived', null)).when(observe(10), system).thenEmits();
  });
});

describe('arrival properties', () => {
  it('never regresses and tells each stage at most once, whatever the positions', () => {
    const distances = fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 60 });
    fc.assert(
      fc.property(distances, fc.option(fc.nat({ max: 59 })), (meters, tapAt) => {
        let state: ArrivalState = decider.evolve(decider.initialState, started);
        const told: string[] = [];
        meters.forEach((distance, index) => {
          const command: ArrivalCommand = index === tapAt ? { type: 'ConfirmArrival' } : observe(distance);
          const decision = decider.decide(command, state, system);
          if (!decision.ok) throw new Error(decision.detail);
          for (const event of decision.events) {
            if (event.type !== 'tracking.arrival_reached') continue;
            told.push(event.data.notificationKey);
            if (event.data.by === 'distance')
              expect(event.data.distanceMeters).toBeLessThanOrEqual(arrivalDefaults.nearMeters);
          }
          const before = state.status === 'tracking' ? arrivalStages.indexOf(state.stage) : -1;
          state = decision.events.reduce(decider.evolve, state);
          const after = state.status === 'tracking' ? arrivalStages.indexOf(state.stage) : -1;
          expect(after).toBeGreaterThanOrEqual(before);
        });
        expect(new Set(told).size).toBe(told.length);
      }),
    );
  });
});
