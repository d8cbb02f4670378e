import { randomUUID } from 'node:crypto';
import type { Address, Availability } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import pg from 'pg';
import { apiAt, eventually, json } from '../test/support/api.ts';
import { home, hubWithService, partnerCreated } from '../test/support/dispatch-crew.ts';
import { runBookingFlows } from './load.ts';
import { bookingFlowSteps } from './load-generator.ts';
import { holdShapedTransaction, rawSchema } from './raw-sql.ts';
import type { BenchOutcome } from './run.ts';
import { summarize } from './stats.ts';
import { startBenchPlatform, startProfiling } from './support.ts';

const partners = 24;
const customers = 16;
const days = 3;
const flowsMs = Number(process.env.BENCH_BOOKING_MS ?? 8000);
/** PostgreSQL's ceiling is measured this long before the flows and again after: the machine's load drifts. */
const ceilingMs = 2000;
/** The seeding's events settle first, then the idle platform's own commits are counted. */
const settleMs = 1500;
const idleMs = 2500;
const flowTimeoutMs = 8000;
const target = 0.5;
const profileFile = process.env.BENCH_CPU_PROFILE;
const everyDay = [{ start: '00:00', end: '24:00' }];
const weekly = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, everyDay]),
);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Transactions committed and rolled back in the database so far, as PostgreSQL's statistics have them. */
async function transactionsSoFar(client: pg.Client) {
  const { rows } = await client.query<{ committed: string; rolledBack: string }>(
    `SELECT xact_commit AS "committed", xact_rollback AS "rolledBack"
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  const row = rows[0];
  return { committed: Number(row?.committed), rolledBack: Number(row?.rolledBack), atMs: performance.now() };
}

/** Booking-plus-outbox transactions (a hold's shape) straight on PostgreSQL for `durationMs`, `parallel` at a time. */
async function postgresCeiling(databaseUrl: string, parallel: number, durationMs: number) {
  const raw = await rawSchema(databaseUrl, parallel);
  try {
    const latenciesMs: number[] = [];
    const started = performance.now();
    const hour = 3600_000;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (performance.now() - started < durationMs) {
          const sent = performance.now();
          const window = { start: new Date(hour).toISOString(), end: new Date(2 * hour).toISOString() };
          await holdShapedTransaction(raw, newId(), [randomUUID()], window);
          latenciesMs.push(performance.now() - sent);
        }
      }),
    );
    return { latenciesMs, elapsedMs: performance.now() - started };
  } finally {
    await raw.close();
  }
}

/**
 * The paid booking end to end, as customers' apps make it from a separate process: hold, payment order,
 * payment on the Razorpay simulator, verification, and the booking's `confirmed` on the customer's socket
 * (outbox, bus, consumers, realtime). In the same run: PostgreSQL's ceiling for booking-plus-outbox
 * transactions (before the flows and after), and the transactions one flow commits (pg_stat_database over
 * the flows, less the idle platform's); the flows are compared with the ceiling divided by those.
 */
export async function run(): Promise<BenchOutcome> {
  const zefy = await startBenchPlatform();
  const stats = new pg.Client({ connectionString: zefy.databaseUrl });
  await stats.connect();
  try {
    const api = apiAt(zefy.base);
    const admin = await zefy.tokenFor('admin');
    const { hub, service } = await hubWithService(zefy.base, admin, {
      name: 'Deep cleaning',
      basePricePaise: 49_900,
    });
    const bus = zefy.platform.infra.bus;
    await Promise.all(
      Array.from({ length: partners }, async (_, index) => {
        const id = newId();
        await bus.publish(partnerCreated(id, index, service.id, hub.id));
        const token = await zefy.tokenFor('partner', id);
        // booking hears of the partner through the bus first
        await eventually(async () => {
          const saved = await api('/api/v1/partner/schedule', {
            method: 'PUT',
            token,
            json: { weekly, daysOff: [] },
          });
          if (saved.status !== 200) throw new Error(`schedule: ${saved.status} ${await saved.text()}`);
        }, 15_000);
      }),
    );
    const crowd = await Promise.all(
      Array.from({ length: customers }, async () => {
        const id = newId();
        const token = await zefy.tokenFor('customer', id);
        const address = await json<Address>(
          await api('/api/v1/locations/addresses', {
            method: 'POST',
            token,
            idempotencyKey: true,
            json: { label: 'Home', line1: '12th Main', lat: home.lat, lng: home.lng },
          }),
          201,
        );
        return { id, token, addressId: address.id };
      }),
    );

    // slots that never overlap, each taken by every partner in turn: consecutive flows hold different slots
    const first = crowd[0] as (typeof crowd)[number];
    const slots: string[] = [];
    for (let day = 1; day <= days; day++) {
      const date = new Date(Date.now() + day * 24 * 3600_000).toLocaleDateString('en-CA', {
        timeZone: 'Asia/Kolkata',
      });
      // booking hears of the addresses and schedules through the bus
      const availability = await eventually(async () => {
        const found = await json<Availability>(
          await api(
            `/api/v1/availability?serviceId=${service.id}&addressId=${first.addressId}&date=${date}`,
            {
              token: first.token,
            },
          ),
        );
        if (!found.slots.some((slot) => slot.available)) throw new Error(`no free slot on ${date}`);
        return found;
      }, 15_000);
      let freeFrom = 0;
      for (const slot of availability.slots) {
        const startsAt = Date.parse(slot.startsAt);
        if (!slot.available || startsAt < freeFrom) continue;
        slots.push(slot.startsAt);
        freeFrom = startsAt + availability.slotMinutes * 60_000;
      }
    }
    const flows = Array.from({ length: partners * slots.length }, (_, index) => ({
      serviceId: service.id,
      startsAt: slots[index % slots.length] as string,
    }));
    await Promise.all(
      crowd.map((customer) =>
        eventually(async () => {
          const known = await json<Availability>(
            await api(`/api/v1/availability?serviceId=${service.id}&addressId=${customer.addressId}`, {
              token: customer.token,
            }),
          );
          if (!known.isServiceable) throw new Error('booking has not heard of the address yet');
        }, 15_000),
      ),
    );

    const ceilingBefore = await postgresCeiling(zefy.databaseUrl, customers, ceilingMs);
    // what the platform commits on its own (relay and job polls), to take off the flows' count
    await pause(settleMs);
    const idleFrom = await transactionsSoFar(stats);
    await pause(idleMs);
    const flowsFrom = await transactionsSoFar(stats);
    const idleCommitsPerMs = (flowsFrom.committed - idleFrom.committed) / (flowsFrom.atMs - idleFrom.atMs);
    // BENCH_CPU_PROFILE=file.cpuprofile: the platform's profile over the flows alone
    const profiling = profileFile ? await startProfiling(profileFile) : undefined;
    const made = await runBookingFlows({
      kind: 'booking-flows',
      baseUrl: zefy.base,
      socketUrl: `${zefy.base.replace(/^http/, 'ws')}/ws`,
      simControlPath: '/razorpay-sim/control',
      customers: crowd,
      flows,
      durationMs: flowsMs,
      timeoutMs: flowTimeoutMs,
    });
    await profiling?.stop();
    // a backend reports its counts to the statistics at most once a second
    await pause(1500);
    const flowsTo = await transactionsSoFar(stats);
    const confirmed = made.latenciesMs.length;
    const committed = flowsTo.committed - flowsFrom.committed;
    const idleCommits = Math.round(idleCommitsPerMs * (flowsTo.atMs - flowsFrom.atMs));
    const transactionsPerFlow = confirmed > 0 ? (committed - idleCommits) / confirmed : 0;

    const ceilingAfter = await postgresCeiling(zefy.databaseUrl, customers, ceilingMs);
    const ceiling = summarize(
      [...ceilingBefore.latenciesMs, ...ceilingAfter.latenciesMs],
      ceilingBefore.elapsedMs + ceilingAfter.elapsedMs,
    );
    const flowSummary = summarize(made.latenciesMs, made.elapsedMs);
    const boundPerSecond = transactionsPerFlow > 0 ? ceiling.perSecond / transactionsPerFlow : 0;
    const ofBound = boundPerSecond > 0 ? flowSummary.perSecond / boundPerSecond : 0;
    console.info(
      `PostgreSQL ceiling ${ceiling.perSecond}/s booking-plus-outbox transactions (before and after the flows); a flow commits ` +
        `${transactionsPerFlow.toFixed(1)} (${committed} over ${confirmed} flows, ${idleCommits} idle) → ` +
        `bound ${boundPerSecond.toFixed(1)} flows/s; measured ${flowSummary.perSecond}/s = ` +
        `${(ofBound * 100).toFixed(1)}% (target ${target * 100}%)`,
    );
    const perStep = Object.fromEntries(
      bookingFlowSteps.map((step) => [step, summarize(made.stepsMs[step], made.elapsedMs)]),
    );
    for (const [step, summary] of Object.entries(perStep))
      console.info(`  step ${step.padEnd(10)} p50 ${summary.p50Ms} ms  p99 ${summary.p99Ms} ms`);
    return {
      scenarios: [
        {
          label: `paid booking, hold → confirmed (${customers} customers' apps)`,
          platform: flowSummary,
          baseline: {
            // the ceiling shared by the transactions a flow commits; latencies: that many in a row
            label: `PostgreSQL ceiling ÷ ${transactionsPerFlow.toFixed(1)} transactions per flow`,
            count: ceiling.count,
            perSecond: Number(boundPerSecond.toFixed(1)),
            p50Ms: Number((ceiling.p50Ms * transactionsPerFlow).toFixed(3)),
            p99Ms: Number((ceiling.p99Ms * transactionsPerFlow).toFixed(3)),
          },
        },
      ],
      settings: {
        partners,
        customers,
        flowsMs,
        target,
        ofBound: Number(ofBound.toFixed(3)),
        postgresCeiling: {
          ...ceiling,
          beforeFlowsPerSecond: summarize(ceilingBefore.latenciesMs, ceilingBefore.elapsedMs).perSecond,
          afterFlowsPerSecond: summarize(ceilingAfter.latenciesMs, ceilingAfter.elapsedMs).perSecond,
        },
        transactions: {
          committed,
          idleCommits,
          rolledBack: flowsTo.rolledBack - flowsFrom.rolledBack,
          confirmedFlows: confirmed,
          perFlow: Number(transactionsPerFlow.toFixed(2)),
        },
        failures: made.failures,
        steps: perStep,
      },
    };
  } finally {
    await stats.end();
    await zefy.stop();
  }
}
