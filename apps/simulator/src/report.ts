/**
 * The capacity report: pure functions from what the simulation saw of each booking and partner to the
 * figures per hub, its Markdown table and two small SVG charts.
 */

/** How a simulated booking ended, as its customer last saw it. */
export type BookingOutcome =
  /** the availability answer or the hold said no partner could be promised */
  | 'unavailable'
  /** the checkout failed, or the customer walked away from it (the hold lapses) */
  | 'payment_failed'
  | 'abandoned'
  /** completed: the end code matched (and any extra time was paid) */
  | 'completed'
  /** cancelled and refunded by the system: no partner took it in time */
  | 'refunded_no_partner'
  /** cancelled by the customer */
  | 'cancelled'
  /** still open when the run ended: a failure of the run */
  | 'stuck';

export interface BookingRecord {
  hubId: string;
  /** Platform booking id; null when no hold was placed. */
  bookingId: string | null;
  requestedAt: number;
  outcome: BookingOutcome;
  /** The booking's last status, as the platform told it. */
  lastStatus: string | null;
  confirmedAt?: number;
  assignedAt?: number;
  /** The arrival promised at "On my way" (tracking's first ETA). */
  promisedArrivalAt?: number;
  arrivedAt?: number;
  completedAt?: number;
}

export interface PartnerRecord {
  partnerId: string;
  hubId: string;
  onDutyMs: number;
  /** Time between accepting a job and finishing or leaving it. */
  busyMs: number;
}

export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

export interface HubReport {
  hubId: string;
  hubName: string;
  requested: number;
  served: number;
  refundedNoPartner: number;
  cancelled: number;
  unavailable: number;
  paymentFailed: number;
  abandoned: number;
  stuck: number;
  /** Seconds from payment confirmed to a partner assigned. */
  timeToAssignmentSeconds: Percentiles;
  /** Of the bookings confirmed, the share assigned within 5 minutes (null when none were confirmed). */
  assignedWithin5MinutesShare: number | null;
  eta: {
    count: number;
    /** Actual arrival minus the promise, in seconds: positive is late. */
    meanErrorSeconds: number | null;
    absoluteErrorSeconds: Percentiles;
    /** Arrived no more than 5 minutes after the promise. */
    onTimeShare: number | null;
  };
  partners: number;
  /** Busy time over time on duty, over the hub's partners. */
  partnerUtilisation: number | null;
}

export interface CapacityReport {
  run: {
    startedAt: string;
    endedAt: string;
    partners: number;
    bookingsPerMinute: number;
    minutes: number;
  };
  totals: HubReport;
  hubs: HubReport[];
  /** Bookings not settled when the run ended; any makes the run a failure. */
  stuck: Array<{ bookingId: string | null; hubId: string; lastStatus: string | null }>;
  /** Every booking requested has exactly one outcome, and none is stuck. */
  isAccountedFor: boolean;
  /** Requests and completions per minute of the run, for the chart. */
  timeline: Array<{ minute: number; requested: number; completed: number }>;
  /** `toSeconds` null: the last bucket, open-ended. */
  assignmentHistogram: Array<{ fromSeconds: number; toSeconds: number | null; count: number }>;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(share * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

function percentilesOf(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p90: round(percentile(sorted, 0.9)),
    p99: round(percentile(sorted, 0.99)),
  };
}

const shareOf = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

const assignmentSeconds = (booking: BookingRecord) =>
  booking.assignedAt !== undefined && booking.confirmedAt !== undefined
    ? (booking.assignedAt - booking.confirmedAt) / 1000
    : undefined;

function hubReport(
  hub: { hubId: string; hubName: string },
  bookings: readonly BookingRecord[],
  partners: readonly PartnerRecord[],
): HubReport {
  const count = (outcome: BookingOutcome) => bookings.filter((booking) => booking.outcome === outcome).length;
  const assignments = bookings.flatMap((booking) => assignmentSeconds(booking) ?? []);
  const confirmed = bookings.filter((booking) => booking.confirmedAt !== undefined);
  const errors = bookings.flatMap((booking) =>
    booking.promisedArrivalAt !== undefined && booking.arrivedAt !== undefined
      ? [(booking.arrivedAt - booking.promisedArrivalAt) / 1000]
      : [],
  );
  const onDuty = partners.reduce((sum, partner) => sum + partner.onDutyMs, 0);
  const busy = partners.reduce((sum, partner) => sum + Math.min(partner.busyMs, partner.onDutyMs), 0);
  return {
    ...hub,
    requested: bookings.length,
    served: count('completed'),
    refundedNoPartner: count('refunded_no_partner'),
    cancelled: count('cancelled'),
    unavailable: count('unavailable'),
    paymentFailed: count('payment_failed'),
    abandoned: count('abandoned'),
    stuck: count('stuck'),
    timeToAssignmentSeconds: percentilesOf(assignments),
    assignedWithin5MinutesShare: shareOf(
      confirmed.filter((booking) => (assignmentSeconds(booking) ?? Number.POSITIVE_INFINITY) <= 300).length,
      confirmed.length,
    ),
    eta: {
      count: errors.length,
      meanErrorSeconds:
        errors.length === 0
          ? null
          : Math.round(errors.reduce((sum, error) => sum + error, 0) / errors.length),
      absoluteErrorSeconds: percentilesOf(errors.map(Math.abs)),
      onTimeShare: shareOf(errors.filter((error) => error <= 300).length, errors.length),
    },
    partners: partners.length,
    partnerUtilisation: onDuty === 0 ? null : Math.round((busy / onDuty) * 1000) / 1000,
  };
}

const histogramEdges = [0, 5, 10, 20, 30, 60, 120, 300, 600];

export function capacityReport(input: {
  run: CapacityReport['run'];
  hubs: ReadonlyArray<{ hubId: string; hubName: string }>;
  bookings: readonly BookingRecord[];
  partners: readonly PartnerRecord[];
}): CapacityReport {
  const { bookings, partners } = input;
  const startedAt = Date.parse(input.run.startedAt);
  const minutes = Math.max(1, Math.ceil((Date.parse(input.run.endedAt) - startedAt) / 60_000));
  const minuteOf = (at: number) => Math.min(minutes - 1, Math.max(0, Math.floor((at - startedAt) / 60_000)));
  const timeline = Array.from({ length: minutes }, (_, minute) => ({ minute, requested: 0, completed: 0 }));
  for (const booking of bookings) {
    (timeline[minuteOf(booking.requestedAt)] as { requested: number }).requested++;
    if (booking.completedAt !== undefined)
      (timeline[minuteOf(booking.completedAt)] as { completed: number }).completed++;
  }
  const assignments = bookings.flatMap((booking) => assignmentSeconds(booking) ?? []);
  const assignmentHistogram = histogramEdges.map((fromSeconds, index) => {
    const toSeconds = histogramEdges[index + 1] ?? null;
    return {
      fromSeconds,
      toSeconds,
      count: assignments.filter(
        (seconds) => seconds >= fromSeconds && (toSeconds === null || seconds < toSeconds),
      ).length,
    };
  });
  const hubReports = input.hubs.map((hub) =>
    hubReport(
      hub,
      bookings.filter((booking) => booking.hubId === hub.hubId),
      partners.filter((partner) => partner.hubId === hub.hubId),
    ),
  );
  const stuck = bookings
    .filter((booking) => booking.outcome === 'stuck')
    .map(({ bookingId, hubId, lastStatus }) => ({ bookingId, hubId, lastStatus }));
  const known = new Set(input.hubs.map((hub) => hub.hubId));
  return {
    run: input.run,
    totals: hubReport({ hubId: 'all', hubName: 'All hubs' }, bookings, partners),
    hubs: hubReports,
    stuck,
    isAccountedFor: stuck.length === 0 && bookings.every((booking) => known.has(booking.hubId)),
    timeline,
    assignmentHistogram,
  };
}

const cell = (value: number | null, suffix = '') => (value === null ? '–' : `${value}${suffix}`);
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

export function reportMarkdown(report: CapacityReport): string {
  const header =
    '| Hub | Requested | Served | Refunded (no partner) | Cancelled | Unavailable | Payment failed | Abandoned | Stuck | Assignment p50 / p90 / p99 (s) | Assigned ≤ 5 min | ETA error mean (s) | ETA abs. error p50 / p90 (s) | On time (≤ 5 min late) | Partners | Utilisation |';
  const rule = `|${' --- |'.repeat(16)}`;
  const row = (hub: HubReport) =>
    `| ${hub.hubName} | ${hub.requested} | ${hub.served} | ${hub.refundedNoPartner} | ${hub.cancelled} | ${hub.unavailable} | ${hub.paymentFailed} | ${hub.abandoned} | ${hub.stuck} | ${cell(hub.timeToAssignmentSeconds.p50)} / ${cell(hub.timeToAssignmentSeconds.p90)} / ${cell(hub.timeToAssignmentSeconds.p99)} | ${percent(hub.assignedWithin5MinutesShare)} | ${cell(hub.eta.meanErrorSeconds)} | ${cell(hub.eta.absoluteErrorSeconds.p50)} / ${cell(hub.eta.absoluteErrorSeconds.p90)} | ${percent(hub.eta.onTimeShare)} | ${hub.partners} | ${percent(hub.partnerUtilisation)} |`;
  const { run } = report;
  return [
    '# Capacity report',
    '',
    `${run.partners} simulated partners, ${run.bookingsPerMinute} bookings a minute for ${run.minutes} minutes (${run.startedAt} to ${run.endedAt}).`,
    '',
    header,
    rule,
    ...report.hubs.map(row),
    row(report.totals).replace(/^\| All hubs/, '| **All hubs**'),
    '',
    report.isAccountedFor
      ? 'Every booking is accounted for: none was left open.'
      : `**Failure: ${report.stuck.length} booking(s) left open:** ${report.stuck.map((booking) => `${booking.bookingId ?? 'no id'} (${booking.lastStatus ?? 'unknown'})`).join(', ')}`,
    '',
    '![Time to assignment](assignment-histogram.svg)',
    '![Bookings over time](bookings-over-time.svg)',
    '',
  ].join('\n');
}

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** A plain bar chart: one bar per label, or two side by side per label when `series` has two. */
export function barChartSvg(input: {
  title: string;
  labels: readonly string[];
  series: ReadonlyArray<{ name: string; colour: string; values: readonly number[] }>;
}): string {
  const width = 640;
  const height = 320;
  const left = 48;
  const bottom = 260;
  const top = 40;
  const max = Math.max(1, ...input.series.flatMap((series) => series.values));
  const slot = (width - left - 16) / Math.max(1, input.labels.length);
  const barWidth = (slot * 0.8) / input.series.length;
  const bars = input.series.flatMap((series, seriesIndex) =>
    series.values.map((value, index) => {
      const barHeight = ((bottom - top) * value) / max;
      const x = left + index * slot + slot * 0.1 + seriesIndex * barWidth;
      return `<rect x="${x.toFixed(1)}" y="${(bottom - barHeight).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${barHeight.toFixed(1)}" fill="${series.colour}"><title>${escapeXml(`${series.name} ${input.labels[index]}: ${value}`)}</title></rect>`;
    }),
  );
  const labels = input.labels.map(
    (label, index) =>
      `<text x="${(left + index * slot + slot / 2).toFixed(1)}" y="${bottom + 16}" font-size="11" text-anchor="middle">${escapeXml(label)}</text>`,
  );
  const legend = input.series.map(
    (series, index) =>
      `<rect x="${left + index * 140}" y="${height - 28}" width="12" height="12" fill="${series.colour}"/><text x="${left + index * 140 + 18}" y="${height - 18}" font-size="12">${escapeXml(series.name)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" role="img" aria-label="${escapeXml(input.title)}">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="24" font-size="15" font-weight="bold">${escapeXml(input.title)}</text>`,
    `<line x1="${left}" y1="${bottom}" x2="${width - 16}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#333"/>`,
    `<text x="${left - 6}" y="${top + 4}" font-size="11" text-anchor="end">${max}</text>`,
    `<text x="${left - 6}" y="${bottom}" font-size="11" text-anchor="end">0</text>`,
    ...bars,
    ...labels,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

/** The report's files by name: report.json, report.md and the two charts. */
export function reportFiles(report: CapacityReport): Record<string, string> {
  const edgeLabel = (bucket: CapacityReport['assignmentHistogram'][number]) =>
    Number.isFinite(bucket.toSeconds)
      ? `${bucket.fromSeconds}–${bucket.toSeconds}`
      : `${bucket.fromSeconds}+`;
  return {
    'report.json': `${JSON.stringify(report, null, 2)}\n`,
    'report.md': reportMarkdown(report),
    'assignment-histogram.svg': barChartSvg({
      title: 'Time to assignment (seconds from payment)',
      labels: report.assignmentHistogram.map(edgeLabel),
      series: [
        {
          name: 'bookings',
          colour: '#2563eb',
          values: report.assignmentHistogram.map((bucket) => bucket.count),
        },
      ],
    }),
    'bookings-over-time.svg': barChartSvg({
      title: 'Bookings per minute of the run',
      labels: report.timeline.map((entry) => `${entry.minute}`),
      series: [
        { name: 'requested', colour: '#64748b', values: report.timeline.map((entry) => entry.requested) },
        { name: 'completed', colour: '#16a34a', values: report.timeline.map((entry) => entry.completed) },
      ],
    }),
  };
}
