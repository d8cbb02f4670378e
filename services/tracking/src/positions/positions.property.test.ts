import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../geo.ts';
import { fixAt, partnerAt } from './positions.fixture.ts';
import {
  type PositionFix,
  positionDefaults,
  type Track,
  type TrackEvent,
  trackDecider,
} from './positions.ts';

const decider = trackDecider(positionDefaults);

/** A plausible journey: a fix every 1–20 s, at most 90 km/h, in any direction, accuracy 3–30 m. */
const journey = fc
  .array(
    fc.record({
      seconds: fc.integer({ min: 1, max: 20 }),
      speedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      bearing: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      accuracyMeters: fc.integer({ min: 3, max: 30 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((steps) => {
    let seconds = 0;
    let north = 0;
    let east = 0;
    return steps.map((step) => {
      seconds += step.seconds;
      const meters = step.speedShare * step.seconds * 25;
      north += meters * Math.cos(step.bearing);
      east += meters * Math.sin(step.bearing);
      return fixAt(seconds, north, step.accuracyMeters, east);
    });
  });

/** Fixes the track must never take as its latest. */
const junk = fc.constantFrom<PositionFix>(
  { ...fixAt(100), lat: 200 },
  { ...fixAt(110), lat: 0, lng: 0 },
  fixAt(120, 0, 80),
  fixAt(5000, 0),
  fixAt(130, 500_000),
);

/** The journey's and the junk's fixes, shuffled and cut into uploads of 1–10. */
const uploads = fc
  .tuple(journey, fc.array(junk, { maxLength: 5 }))
  .chain(([fixes, junkFixes]) => fc.shuffledSubarray([...fixes, ...junkFixes], { minLength: fixes.length }))
  .chain((fixes) =>
    fc
      .array(fc.integer({ min: 1, max: 10 }), { minLength: fixes.length, maxLength: fixes.length })
      .map((sizes) => {
        const batches: PositionFix[][] = [];
        for (let index = 0, next = 0; index < fixes.length; next += 1) {
          batches.push(fixes.slice(index, index + sizes[next]!));
          index += sizes[next]!;
        }
        return batches;
      }),
  );

const isAccepted = (event: TrackEvent) =>
  event.type === 'tracking.position_shown' || event.type === 'tracking.position_suppressed';

/** Uploads after a first fix at the origin, so that a teleport has something to be judged against. */
function run(batches: PositionFix[][], isOnJob: boolean): { states: Track[]; events: TrackEvent[] } {
  const first: TrackEvent = { type: 'tracking.position_shown', data: { fix: fixAt(0), isSampled: true } };
  const states: Track[] = [decider.evolve(decider.initialState, first)];
  const events: TrackEvent[] = [first];
  for (const fixes of batches) {
    const state = states.at(-1)!;
    const decision = decider.decide({ type: 'Ingest', fixes, isOnJob }, state, partnerAt(1000));
    if (!decision.ok) throw new Error(decision.detail);
    events.push(...decision.events);
    states.push(decision.events.reduce(decider.evolve, state));
  }
  return { states, events };
}

describe('position properties', () => {
  it('the latest fix never moves back in time and only ever is an accepted fix, whatever the arrival order', () => {
    fc.assert(
      fc.property(uploads, fc.boolean(), (batches, isOnJob) => {
        const { states, events } = run(batches, isOnJob);
        const accepted = events.filter(isAccepted).map((event) => event.data.fix);
        const times = states.map((state) => (state.latest ? Date.parse(state.latest.fixAt) : 0));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        for (const { latest } of states) if (latest) expect(accepted).toContainEqual(latest);
      }),
    );
  });

  it('broadcasts positions strictly forward in fix time, and never a rejected or late fix', () => {
    fc.assert(
      fc.property(uploads, fc.boolean(), (batches, isOnJob) => {
        const { events } = run(batches, isOnJob);
        const shownTimes = events
          .filter((event) => event.type === 'tracking.position_shown')
          .map((event) => Date.parse(event.data.fix.fixAt));
        shownTimes.slice(1).forEach((time, index) => {
          expect(time).toBeGreaterThan(shownTimes[index]!);
        });
        const refused = events.filter((event) => !isAccepted(event)).map((event) => event.data.fix);
        const broadcast = events.filter((event) => event.type === 'tracking.position_shown');
        for (const event of broadcast) expect(refused).not.toContainEqual(event.data.fix);
      }),
    );
  });

  it('never takes junk (out of range, null island, inaccurate, from the future, a teleport) as the latest', () => {
    fc.assert(
      fc.property(uploads, (batches) => {
        const { states } = run(batches, true);
        for (const { latest } of states)
          if (latest) {
            expect(Math.abs(latest.lat)).toBeLessThan(90);
            expect(latest.lat === 0 && latest.lng === 0).toBe(false);
            expect(latest.accuracyMeters).toBeLessThanOrEqual(50);
            expect(Date.parse(latest.fixAt)).toBeLessThanOrEqual(Date.parse(fixAt(1060).fixAt));
            expect(distanceMeters(latest, fixAt(0))).toBeLessThan(50_000);
          }
      }),
    );
  });

  it('accepts every fix of a plausible journey sent in order, in one upload or one by one alike', () => {
    fc.assert(
      fc.property(journey, fc.boolean(), (fixes, isOnJob) => {
        const together = run([fixes], isOnJob);
        const oneByOne = run(
          fixes.map((fix) => [fix]),
          isOnJob,
        );
        expect(together.events.every(isAccepted)).toBe(true);
        expect(oneByOne.events).toEqual(together.events);
      }),
    );
  });

  it('on a job, moves the shown position only by more than the jitter radius', () => {
    fc.assert(
      fc.property(journey, (fixes) => {
        const shown = run([fixes], true)
          .events.filter((event) => event.type === 'tracking.position_shown')
          .map((event) => event.data.fix);
        shown.slice(1).forEach((fix, index) => {
          expect(distanceMeters(shown[index]!, fix)).toBeGreaterThan(positionDefaults.jitterMeters);
        });
      }),
    );
  });
});
