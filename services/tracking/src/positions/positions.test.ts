import { given } from '@zefy/platform/testing';
import { describe, expect, it } from 'vitest';
import { at, fixAt, partnerAt } from './positions.fixture.ts';
import {
  type PositionFix,
  type PositionRejection,
  positionDefaults,
  type TrackCommand,
  type TrackEvent,
  trackDecider,
} from './positions.ts';

const decider = trackDecider(positionDefaults);
const ingest = (fixes: PositionFix[], isOnJob = true): TrackCommand => ({ type: 'Ingest', fixes, isOnJob });
const shown = (fix: PositionFix, isSampled = true): TrackEvent => ({
  type: 'tracking.position_shown',
  data: { fix, isSampled },
});
const suppressed = (fix: PositionFix, isSampled = false): TrackEvent => ({
  type: 'tracking.position_suppressed',
  data: { fix, isSampled },
});
const late = (fix: PositionFix): TrackEvent => ({ type: 'tracking.position_late', data: { fix } });
const rejected = (fix: PositionFix, reason: PositionRejection): TrackEvent => ({
  type: 'tracking.position_rejected',
  data: { fix, reason },
});

describe('a partner track', () => {
  it('shows the first fix and keeps it in the trail', () => {
    const state = given(decider)
      .when(ingest([fixAt(0)]), partnerAt(1))
      .thenEmits(shown(fixAt(0)));
    expect(state).toEqual({ latest: fixAt(0), shown: fixAt(0), sampled: fixAt(0) });
  });

  it('takes a batch in fix-time order whatever order it arrives in', () => {
    const state = given(decider)
      .when(ingest([fixAt(30, 160), fixAt(10, 40), fixAt(20, 80)]), partnerAt(31))
      .thenEmits(shown(fixAt(10, 40)), shown(fixAt(20, 80), false), shown(fixAt(30, 160)));
    expect(state.latest).toEqual(fixAt(30, 160));
  });

  it('stores fix times in UTC and keeps only the fix fields', () => {
    const sent = { ...fixAt(0), fixAt: '2026-03-02T15:30:00+05:30', speed: 4 } as PositionFix;
    given(decider)
      .when(ingest([sent]), partnerAt(1))
      .thenEmits(shown(fixAt(0)));
  });

  it('does nothing with an empty upload', () => {
    given(decider, shown(fixAt(0)))
      .when(ingest([]), partnerAt(5))
      .thenEmits();
  });

  it('refuses an upload of more than 100 fixes', () => {
    const fixes = Array.from({ length: 101 }, (_, index) => fixAt(index, index * 5));
    given(decider).when(ingest(fixes), partnerAt(200)).thenRefuses('REQUEST.TOO_LARGE');
  });
});

describe('position validation', () => {
  it.each([
    ['latitude 200', { ...fixAt(10), lat: 200 }, 'out_of_range'],
    ['longitude -181', { ...fixAt(10), lng: -181 }, 'out_of_range'],
    ['a latitude that is not a number', { ...fixAt(10), lat: Number.NaN }, 'out_of_range'],
    ['the point (0, 0)', { ...fixAt(10), lat: 0, lng: 0 }, 'null_island'],
    ['an accuracy of 51 m', fixAt(10, 0, 51), 'inaccurate'],
    ['a negative accuracy', fixAt(10, 0, -1), 'inaccurate'],
    ['an unreadable fix time', { ...fixAt(10), fixAt: 'yesterday' }, 'fix_time_invalid'],
    ['a fix 61 s ahead of the server clock', fixAt(71, 20), 'from_future'],
  ] satisfies Array<[string, PositionFix, PositionRejection]>)(
    'refuses %s and keeps the latest',
    (_, fix, reason) => {
      const state = given(decider, shown(fixAt(0)))
        .when(ingest([fix]), partnerAt(10))
        .thenEmits(rejected(fix, reason));
      expect(state.latest).toEqual(fixAt(0));
    },
  );

  it('takes a fix up to 60 s ahead of the server clock (a device clock a little fast)', () => {
    given(decider, shown(fixAt(0)))
      .when(ingest([fixAt(70, 40)]), partnerAt(10))
      .thenEmits(shown(fixAt(70, 40), true));
  });

  it('refuses a second fix with the latest fix time', () => {
    given(decider, shown(fixAt(10)))
      .when(ingest([fixAt(10, 30)]), partnerAt(11))
      .thenEmits(rejected(fixAt(10, 30), 'duplicate_fix'));
  });

  it('refuses the repeat of a fix time within one upload', () => {
    given(decider)
      .when(ingest([fixAt(10, 0), fixAt(10, 5)]), partnerAt(11))
      .thenEmits(shown(fixAt(10, 0)), rejected(fixAt(10, 5), 'duplicate_fix'));
  });

  it('refuses a jump at 300 km/h and judges the next fix against the last accepted one', () => {
    const state = given(decider, shown(fixAt(0)))
      .when(ingest([fixAt(10, 850), fixAt(20, 150)]), partnerAt(21))
      .thenEmits(rejected(fixAt(10, 850), 'too_fast'), shown(fixAt(20, 150)));
    expect(state.latest).toEqual(fixAt(20, 150));
  });

  it('takes a move that the two fixes’ accuracy explains, however short the interval', () => {
    given(decider, shown(fixAt(0, 0, 40)))
      .when(ingest([fixAt(1, 70, 40)]), partnerAt(2))
      .thenEmits(shown(fixAt(1, 70, 40), false));
  });
});

describe('late fixes', () => {
  it('keeps a fix older than the latest for the trail without making it the latest', () => {
    const state = given(decider, shown(fixAt(20, 80)))
      .when(ingest([fixAt(10, 40)]), partnerAt(21))
      .thenEmits(late(fixAt(10, 40)));
    expect(state.latest).toEqual(fixAt(20, 80));
  });

  it('refuses a late fix at an impossible speed from the latest', () => {
    given(decider, shown(fixAt(20)))
      .when(ingest([fixAt(15, 2000)]), partnerAt(21))
      .thenEmits(rejected(fixAt(15, 2000), 'too_fast'));
  });
});

describe('jitter on a job', () => {
  it('keeps showing the position when the partner moved 25 m or less, yet counts the fix as fresh', () => {
    const state = given(decider, shown(fixAt(0)))
      .when(ingest([fixAt(10, 10)]), partnerAt(11))
      .thenEmits(suppressed(fixAt(10, 10)));
    expect(state).toEqual({ latest: fixAt(10, 10), shown: fixAt(0), sampled: fixAt(0) });
  });

  it('moves the shown position once the partner is more than 25 m from it', () => {
    given(decider, shown(fixAt(0)), suppressed(fixAt(10, 15)))
      .when(ingest([fixAt(20, 30)]), partnerAt(21))
      .thenEmits(shown(fixAt(20, 30), false));
  });

  it('shows every move when the partner is not on a job', () => {
    given(decider, shown(fixAt(0)))
      .when(ingest([fixAt(10, 10)], false), partnerAt(11))
      .thenEmits(shown(fixAt(10, 10), false));
  });
});

describe('the sampled trail', () => {
  it('keeps a fix 30 s after the last kept one, or 100 m from it', () => {
    given(decider, shown(fixAt(0)))
      .when(ingest([fixAt(10, 40), fixAt(20, 55), fixAt(30, 60), fixAt(40, 165)]), partnerAt(41))
      .thenEmits(
        shown(fixAt(10, 40), false),
        suppressed(fixAt(20, 55), false),
        suppressed(fixAt(30, 60), true),
        shown(fixAt(40, 165), true),
      );
  });

  it('samples suppressed fixes too, so a partner waiting in traffic leaves a trace', () => {
    given(decider, shown(fixAt(0)))
      .when(ingest([fixAt(30, 5)]), partnerAt(31))
      .thenEmits(suppressed(fixAt(30, 5), true));
  });
});

describe('evolve', () => {
  it('never moves the latest back in time, even for an accepted event out of order', () => {
    const state = decider.evolve(decider.evolve(decider.initialState, shown(fixAt(20))), shown(fixAt(10)));
    expect(state.latest?.fixAt).toBe(at(20));
  });
});
