import type { BookingWindow } from '@zefy/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatchDefaults } from './settings.ts';
import { deadlinesOf, requeuedDeadlinesOf } from './sla.ts';

const confirmedAt = new Date('2026-03-02T10:00:00.000Z');
const now: BookingWindow = {
  kind: 'now',
  startsAt: '2026-03-02T10:00:00.000Z',
  endsAt: '2026-03-02T11:30:00.000Z',
};
const slot = (startsAt: string): BookingWindow => ({ kind: 'slot', startsAt, endsAt: startsAt });

describe('deadlines of a "now" booking', () => {
  it('escalates 3 minutes and gives up 10 minutes after confirmation', () => {
    expect(deadlinesOf(now, confirmedAt, dispatchDefaults)).toEqual({
      escalateAt: '2026-03-02T10:03:00.000Z',
      giveUpAt: '2026-03-02T10:10:00.000Z',
    });
  });
});

describe('deadlines of a slot booking', () => {
  it('gives up at the assign-by time (an hour before the slot) and escalates 30 minutes before that', () => {
    expect(deadlinesOf(slot('2026-03-03T09:00:00.000Z'), confirmedAt, dispatchDefaults)).toEqual({
      escalateAt: '2026-03-03T07:30:00.000Z',
      giveUpAt: '2026-03-03T08:00:00.000Z',
    });
  });

  it('keeps a slot paid for close to its start searching as long as a "now" booking', () => {
    expect(deadlinesOf(slot('2026-03-02T11:05:00.000Z'), confirmedAt, dispatchDefaults)).toEqual({
      escalateAt: '2026-03-02T10:03:00.000Z',
      giveUpAt: '2026-03-02T10:10:00.000Z',
    });
  });

  it('switches from the hard limit to the assign-by time exactly when the latter is later', () => {
    const atBoundary = deadlinesOf(slot('2026-03-02T11:10:00.000Z'), confirmedAt, dispatchDefaults);
    const aMinuteLater = deadlinesOf(slot('2026-03-02T11:11:00.000Z'), confirmedAt, dispatchDefaults);
    expect(atBoundary.giveUpAt).toBe('2026-03-02T10:10:00.000Z');
    expect(aMinuteLater.giveUpAt).toBe('2026-03-02T10:11:00.000Z');
    expect(aMinuteLater.escalateAt).toBe('2026-03-02T10:03:00.000Z');
  });

  it('escalates slot-escalate-lead before giving up once that is later than a "now" escalation', () => {
    expect(deadlinesOf(slot('2026-03-02T11:33:00.000Z'), confirmedAt, dispatchDefaults).escalateAt).toBe(
      '2026-03-02T10:03:00.000Z',
    );
    expect(deadlinesOf(slot('2026-03-02T11:34:00.000Z'), confirmedAt, dispatchDefaults).escalateAt).toBe(
      '2026-03-02T10:04:00.000Z',
    );
  });

  it('never escalates after giving up, nor gives up sooner than the hard limit', () => {
    const settings = fc.record({
      escalateAfterSeconds: fc.integer({ min: 0, max: 3599 }),
      hardLimitSeconds: fc.integer({ min: 3600, max: 7200 }),
      slotAssignLeadMinutes: fc.integer({ min: 0, max: 1440 }),
      slotEscalateLeadMinutes: fc.integer({ min: 0, max: 1440 }),
    });
    const startsIn = fc.integer({ min: -600, max: 7 * 24 * 60 });
    fc.assert(
      fc.property(settings, startsIn, fc.boolean(), (sla, minutes, isSlot) => {
        const startsAt = new Date(confirmedAt.getTime() + minutes * 60_000).toISOString();
        const window: BookingWindow = isSlot ? slot(startsAt) : now;
        const { escalateAt, giveUpAt } = deadlinesOf(window, confirmedAt, sla);
        expect(Date.parse(escalateAt)).toBeLessThanOrEqual(Date.parse(giveUpAt));
        expect(Date.parse(escalateAt)).toBeGreaterThanOrEqual(confirmedAt.getTime());
        expect(Date.parse(giveUpAt)).toBeGreaterThanOrEqual(
          confirmedAt.getTime() + sla.hardLimitSeconds * 1000,
        );
      }),
    );
  });
});

describe('deadlines after the partner backs out', () => {
  const backedOutAt = new Date('2026-03-02T10:08:00.000Z');

  it('escalates a "now" booking at once and gives it a fresh hard limit', () => {
    expect(requeuedDeadlinesOf(now, backedOutAt, dispatchDefaults)).toEqual({
      escalateAt: '2026-03-02T10:08:00.000Z',
      giveUpAt: '2026-03-02T10:18:00.000Z',
    });
  });

  it('keeps the assign-by time of a slot booking', () => {
    expect(requeuedDeadlinesOf(slot('2026-03-03T09:00:00.000Z'), backedOutAt, dispatchDefaults)).toEqual({
      escalateAt: '2026-03-03T07:30:00.000Z',
      giveUpAt: '2026-03-03T08:00:00.000Z',
    });
  });
});
