import type { DecideContext } from '@zefy/platform/domain';
import { given } from '@zefy/platform/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type MonitorCommand,
  type MonitorEvent,
  type MonitorState,
  monitorDecider,
  monitorDefaults,
  type Punctuality,
} from './monitor.ts';

const decider = monitorDecider(monitorDefaults);
const start = Date.parse('2026-03-02T10:00:00.000Z');
/** `seconds` after the partner set off. */
const at = (seconds: number): string => new Date(start + seconds * 1000).toISOString();
const clock = (seconds: number): DecideContext => ({
  actor: { kind: 'system', id: 'tracking' },
  now: new Date(at(seconds)),
});
/** Promised: 20 minutes after setting off. */
const promised = at(1200);
const started: MonitorEvent = {
  type: 'tracking.monitor_started',
  data: { bookingId: 'b-1', promisedArrivalAt: promised, startedAt: at(0) },
};
/** A tick at `seconds` whose ETA is `deviation` seconds off the promise, from a fix `fixAge` seconds old. */
const tick = (seconds: number, deviation: number | null, fixAge = 5): MonitorCommand => ({
  type: 'Tick',
  estimatedArrivalAt: deviation === null ? null : at(1200 + deviation),
  lastFixAt: at(seconds - fixAge),
});
const published = (deviation: number): MonitorEvent => ({
  type: 'tracking.eta_changed',
  data: { bookingId: 'b-1', estimatedArrivalAt: at(1200 + deviation) },
});
const pending = (punctuality: Punctuality | null, ticks = 1): MonitorEvent => ({
  type: 'tracking.punctuality_pending',
  data: { bookingId: 'b-1', pending: punctuality ? { punctuality, ticks } : null },
});
const changed = (from: Punctuality, to: Punctuality, deviation: number, number: number): MonitorEvent => ({
  type: 'tracking.punctuality_changed',
  data: {
    bookingId: 'b-1',
    from,
    to,
    estimatedArrivalAt: at(1200 + deviation),
    deviationSeconds: deviation,
    notificationKey: `b-1:punctuality:${to}:${number}`,
  },
});
const delayed = (seconds: number, lastFixAt: string | null, episode = 1): MonitorEvent => ({
  type: 'tracking.location_delayed',
  data: { bookingId: 'b-1', lastFixAt, at: at(seconds), notificationKey: `b-1:location_delayed:${episode}` },
});
const woken = (seconds: number): MonitorEvent => ({
  type: 'tracking.partner_wake_requested',
  data: { bookingId: 'b-1', at: at(seconds) },
});
const resumed: MonitorEvent = { type: 'tracking.location_resumed', data: { bookingId: 'b-1' } };

describe('the ETA monitor', () => {
  it('starts watching with the promised arrival, once', () => {
    const command: MonitorCommand = { type: 'Start', bookingId: 'b-1', promisedArrivalAt: promised };
    given(decider).when(command, clock(0)).thenEmits(started);
    given(decider, started).when(command, clock(5)).thenEmits();
  });

  it('publishes the first ETA, then only one that moved by a minute or more', () => {
    given(decider, started).when(tick(30, 40), clock(30)).thenEmits(published(40));
    given(decider, started, published(40)).when(tick(60, 90), clock(60)).thenEmits();
    given(decider, started, published(40)).when(tick(60, -20), clock(60)).thenEmits(published(-20));
  });

  it('publishes an ETA recomputed between ticks the same way, without judging it', () => {
    given(decider, started, published(40))
      .when({ type: 'Estimate', estimatedArrivalAt: at(1200 + 400) }, clock(45))
      .thenEmits(published(400));
  });

  it('tells the customer the partner is late after two ticks in a row past 5 minutes, once', () => {
    const first = given(decider, started, published(0))
      .when(tick(30, 360), clock(30))
      .thenEmits(published(360), pending('late'));
    given(decider, started, published(360), pending('late'))
      .when(tick(60, 370), clock(60))
      .thenEmits(changed('on_time', 'late', 370, 1));
    given(decider, started, published(360), changed('on_time', 'late', 370, 1))
      .when(tick(90, 380), clock(90))
      .thenEmits();
    expect(first).toMatchObject({ punctuality: 'on_time', pending: { punctuality: 'late', ticks: 1 } });
  });

  it('tells nothing of a single tick past the threshold', () => {
    given(decider, started, published(360), pending('late'))
      .when(tick(60, 200), clock(60))
      .thenEmits(published(200), pending(null));
  });

  it('clears late only once the ETA is 2 minutes inside the threshold, for two ticks', () => {
    const late = [started, published(400), changed('on_time', 'late', 400, 1)];
    given(decider, ...late)
      .when(tick(90, 240), clock(90))
      .thenEmits(published(240));
    given(decider, ...late, published(240))
      .when(tick(120, 170), clock(120))
      .thenEmits(published(170), pending('on_time'));
    given(decider, ...late, published(170), pending('on_time'))
      .when(tick(150, 160), clock(150))
      .thenEmits(changed('late', 'on_time', 160, 2));
  });

  it('tells an early partner the same way', () => {
    given(decider, started, published(-360), pending('early'))
      .when(tick(60, -400), clock(60))
      .thenEmits(changed('on_time', 'early', -400, 1));
  });

  it('goes from late to early without passing on time when the ETA swings', () => {
    given(
      decider,
      started,
      published(400),
      changed('on_time', 'late', 400, 1),
      published(-400),
      pending('early'),
    )
      .when(tick(120, -400), clock(120))
      .thenEmits(changed('late', 'early', -400, 2));
  });

  it('numbers a second late episode, so its message is not taken for a retry of the first', () => {
    given(
      decider,
      started,
      published(400),
      changed('on_time', 'late', 400, 1),
      published(0),
      changed('late', 'on_time', 0, 2),
      published(400),
      pending('late'),
    )
      .when(tick(300, 400), clock(300))
      .thenEmits(changed('on_time', 'late', 400, 3));
  });
});

describe('a delayed location', () => {
  it('is told once and wakes the partner app when the latest fix is over 30 s old', () => {
    given(decider, started, published(0))
      .when(tick(60, 0, 31), clock(60))
      .thenEmits(delayed(60, at(29)), woken(60));
  });

  it('is not told for a fix exactly 30 s old', () => {
    given(decider, started, published(0))
      .when(tick(60, 0, 30), clock(60))
      .thenEmits();
  });

  it('is told when no fix came in the 30 s after setting off', () => {
    given(decider, started)
      .when({ type: 'Tick', estimatedArrivalAt: null, lastFixAt: null }, clock(31))
      .thenEmits(delayed(31, null), woken(31));
  });

  it('wakes the partner app again every 2 minutes while it lasts, and tells nothing more', () => {
    const delay = [started, delayed(60, at(29)), woken(60)];
    given(decider, ...delay)
      .when(tick(150, 0, 121), clock(150))
      .thenEmits();
    given(decider, ...delay)
      .when(tick(180, 0, 151), clock(180))
      .thenEmits(woken(180));
  });

  it('judges no ETA from a stale position: it neither counts towards a change nor breaks a streak', () => {
    const streak = [started, published(360), pending('late')];
    given(decider, ...streak, delayed(60, at(29)), woken(60))
      .when(tick(90, 600, 60), clock(90))
      .thenEmits();
    given(decider, ...streak, delayed(60, at(29)), woken(60))
      .when(tick(90, 370), clock(90))
      .thenEmits(resumed, changed('on_time', 'late', 370, 1));
  });

  it('ends when a fresh fix comes, and a later delay is a new episode', () => {
    given(decider, started, published(0), delayed(60, at(29)), woken(60), resumed)
      .when(tick(200, 0, 40), clock(200))
      .thenEmits(delayed(200, at(160), 2), woken(200));
  });
});

describe('monitor properties', () => {
  it('tells each change once, after two fresh ticks in a row, on an ETA past the line it crossed', () => {
    // null: a tick with a stale position
    const deviations = fc.array(fc.option(fc.integer({ min: -900, max: 900 }), { freq: 8 }), {
      maxLength: 80,
    });
    fc.assert(
      fc.property(deviations, (ticks) => {
        let state: MonitorState = decider.evolve(decider.initialState, started);
        const keys: string[] = [];
        let freshTicksSinceChange = 0;
        ticks.forEach((deviation, index) => {
          const seconds = 30 * (index + 1);
          const command = tick(seconds, deviation ?? 0, deviation === null ? 60 : 5);
          const decision = decider.decide(command, state, clock(seconds));
          if (!decision.ok) throw new Error(decision.detail);
          state = decision.events.reduce(decider.evolve, state);
          if (deviation !== null) freshTicksSinceChange += 1;
          for (const event of decision.events) {
            if (event.type !== 'tracking.punctuality_changed') continue;
            keys.push(event.data.notificationKey);
            expect(freshTicksSinceChange).toBeGreaterThanOrEqual(monitorDefaults.ticksToChange);
            freshTicksSinceChange = 0;
            const { to, deviationSeconds } = event.data;
            if (to === 'late') expect(deviationSeconds).toBeGreaterThan(monitorDefaults.lateAfterSeconds);
            if (to === 'early') expect(deviationSeconds).toBeLessThan(-monitorDefaults.earlyBeforeSeconds);
            if (to === 'on_time') expect(Math.abs(deviationSeconds)).toBeLessThanOrEqual(300);
          }
        });
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});
