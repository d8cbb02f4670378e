import { describe, expect, it } from 'vitest';
import { type BookingRecord, capacityReport, percentile, reportFiles } from './report.ts';

const t0 = Date.parse('2026-12-07T10:00:00Z');
const at = (seconds: number) => t0 + seconds * 1000;
const hubs = [
  { hubId: 'h1', hubName: 'Indiranagar' },
  { hubId: 'h2', hubName: 'Whitefield' },
];
const run = {
  startedAt: new Date(t0).toISOString(),
  endedAt: new Date(at(150)).toISOString(),
  partners: 3,
  bookingsPerMinute: 2,
  minutes: 2,
};
const served = (hubId: string, requested: number, assignAfter: number, lateBy: number): BookingRecord => ({
  hubId,
  bookingId: `b-${requested}`,
  requestedAt: at(requested),
  outcome: 'completed',
  lastStatus: 'completed',
  confirmedAt: at(requested + 5),
  assignedAt: at(requested + 5 + assignAfter),
  promisedArrivalAt: at(requested + 100),
  arrivedAt: at(requested + 100 + lateBy),
  completedAt: at(requested + 130),
});

describe('the capacity report', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.9)).toBe(90);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('accounts for every booking per hub, with assignment times, ETA accuracy and utilisation', () => {
    const report = capacityReport({
      run,
      hubs,
      bookings: [
        served('h1', 0, 10, 60),
        served('h1', 20, 400, -30),
        {
          hubId: 'h1',
          bookingId: 'b-x',
          requestedAt: at(30),
          outcome: 'refunded_no_partner',
          lastStatus: 'refunded',
          confirmedAt: at(32),
        },
        { hubId: 'h1', bookingId: null, requestedAt: at(40), outcome: 'unavailable', lastStatus: null },
        {
          hubId: 'h2',
          bookingId: 'b-y',
          requestedAt: at(70),
          outcome: 'cancelled',
          lastStatus: 'cancelled',
          confirmedAt: at(72),
        },
        { hubId: 'h2', bookingId: 'b-z', requestedAt: at(80), outcome: 'payment_failed', lastStatus: 'held' },
      ],
      partners: [
        { partnerId: 'p1', hubId: 'h1', onDutyMs: 100_000, busyMs: 50_000 },
        { partnerId: 'p2', hubId: 'h1', onDutyMs: 100_000, busyMs: 0 },
        { partnerId: 'p3', hubId: 'h2', onDutyMs: 100_000, busyMs: 0 },
      ],
    });
    const [h1, h2] = report.hubs;
    expect(h1).toMatchObject({
      hubName: 'Indiranagar',
      requested: 4,
      served: 2,
      refundedNoPartner: 1,
      unavailable: 1,
      stuck: 0,
      timeToAssignmentSeconds: { count: 2, p50: 10, p90: 400, p99: 400 },
      // three confirmed, one assigned within 5 minutes
      assignedWithin5MinutesShare: 0.333,
      eta: { count: 2, meanErrorSeconds: 15, absoluteErrorSeconds: { p50: 30, p90: 60 }, onTimeShare: 1 },
      partners: 2,
      partnerUtilisation: 0.25,
    });
    expect(h2).toMatchObject({
      requested: 2,
      cancelled: 1,
      paymentFailed: 1,
      served: 0,
      partnerUtilisation: 0,
    });
    expect(report.totals.requested).toBe(6);
    expect(report.isAccountedFor).toBe(true);
    expect(report.timeline).toEqual([
      { minute: 0, requested: 4, completed: 0 },
      // completed 130 s and 150 s in (the end of the run)
      { minute: 1, requested: 2, completed: 0 },
      { minute: 2, requested: 0, completed: 2 },
    ]);
    expect(report.assignmentHistogram.find((bucket) => bucket.fromSeconds === 10)?.count).toBe(1);
    expect(report.assignmentHistogram.find((bucket) => bucket.fromSeconds === 300)?.count).toBe(1);
  });

  it('calls a run with an open booking a failure, and names it', () => {
    const report = capacityReport({
      run,
      hubs,
      bookings: [
        { hubId: 'h2', bookingId: 'b-open', requestedAt: at(10), outcome: 'stuck', lastStatus: 'assigned' },
      ],
      partners: [],
    });
    expect(report.isAccountedFor).toBe(false);
    expect(report.stuck).toEqual([{ bookingId: 'b-open', hubId: 'h2', lastStatus: 'assigned' }]);
    expect(report.hubs[1]?.stuck).toBe(1);
    expect(reportFiles(report)['report.md']).toContain(
      'Failure: 1 booking(s) left open:** b-open (assigned)',
    );
  });

  it('writes JSON, a Markdown table and two SVG charts', () => {
    const report = capacityReport({ run, hubs, bookings: [served('h1', 0, 10, 0)], partners: [] });
    const files = reportFiles(report);
    expect(Object.keys(files).sort()).toEqual([
      'assignment-histogram.svg',
      'bookings-over-time.svg',
      'report.json',
      'report.md',
    ]);
    expect(JSON.parse(files['report.json'] as string)).toEqual(report);
    expect(files['report.md']).toContain('| Indiranagar | 1 | 1 | 0 |');
    expect(files['report.md']).toContain('Every booking is accounted for');
    for (const chart of ['assignment-histogram.svg', 'bookings-over-time.svg'])
      expect(files[chart]).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<rect[\s\S]*<\/svg>\n$/,
      );
  });
});
