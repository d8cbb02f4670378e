import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  constants,
  monitorEventLoopDelay,
  type PerformanceEntry,
  PerformanceObserver,
} from 'node:perf_hooks';
import { decideOrThrow, newId } from '@zefy/platform';
import type { Redis } from 'ioredis';
import { newBooking, saveBooking } from '../services/booking/src/booking/booking.repository.ts';
import type { ExistingBooking } from '../services/booking/src/booking/booking.ts';
import type { BookingDeps } from '../services/booking/src/deps.ts';
import { saveTracked } from '../services/tracking/src/bookings/bookings.repository.ts';
import { type TrackedBooking, trackedAfter } from '../services/tracking/src/bookings/bookings.ts';
import type { TrackingDeps } from '../services/tracking/src/deps.ts';
import { tickMonitors } from '../services/tracking/src/live/live.monitor.ts';
import { monitorTickKey, saveLive } from '../services/tracking/src/live/live.store.ts';
import {
  type MonitorSettings,
  type MonitorState,
  monitorDecider,
} from '../services/tracking/src/monitor/monitor.ts';
import { nowMs } from './load-generator.ts';
import { startPeer } from './peer/server.ts';
import type { Scenario } from './results.ts';
import type { BenchOutcome } from './run.ts';
import { type Summary, summarize } from './stats.ts';
import { benchSettings, reachableRedis, startBenchPlatform, startProfiling } from './support.ts';
import type { PhaseMark, TrackingLoadJob, TrackingPhase, TrackingPhaseResult } from './tracking-load.ts';

const bookingCount = Number(process.env.BENCH_TRACKING_BOOKINGS ?? 200);
const monitorBookings = Number(process.env.BENCH_TRACKING_MONITOR_BOOKINGS ?? 10_000);
const pureMonitorTicks = 5;
const profileFile = process.env.BENCH_CPU_PROFILE;
// long enough for the JIT on a shared machine: after 2 s the first phase still cost twice the CPU per upload
const warmUpMs = 5000;
const fixesPerUpload = [1, 10];
/**
 * Paced phases (open loop): the target offered as 2,000 uploads/s of 10 fixes, and 1 fix/upload at
 * rising rates to find the highest the gateway sustains under the latency bound.
 */
/** The target's phase runs longer than the others: a p99 over 3 s is one stall of the shared machine away. */
const targetPhaseMs = Number(process.env.BENCH_TRACKING_TARGET_MS ?? 10_000);
const pacedPhases = [
  { fixesPerUpload: 10, uploadsPerSecond: 2000, durationMs: targetPhaseMs },
  ...[500, 1000, 1500, 2000, 2500, 3000].map((uploadsPerSecond) => ({ fixesPerUpload: 1, uploadsPerSecond })),
];
const p99BoundMs = 50;
const hubId = 'bench-hub';
const destination = { lat: 12.9, lng: 77.65 };
const trackingActor = { actor: { kind: 'system' as const, id: 'tracking' } };

/** A booking on its way, as tracking's read model holds it after booking's "On my way". */
function enRoute(startedAt: Date, index: number): TrackedBooking {
  const bookingId = newId();
  const booked = trackedAfter(
    null,
    {
      type: 'booking.en_route',
      data: {
        bookingId,
        customerId: newId(),
        hubId,
        serviceName: 'Kitchen cleaning',
        partnerId: newId(),
        partnerName: `Partner ${index}`,
        startedAt: startedAt.toISOString(),
        destination: { lat: destination.lat, lng: destination.lng + (index % 100) / 10_000 },
      },
    },
    { nearMeters: 500, arrivingMeters: 100, arrivedMeters: 40, progressMeters: 50 },
  );
  if (!booked) throw new Error('an en-route fact tracks its booking');
  return booked;
}

/**
 * The same booking as booking's row holds it on the way (no timeline behind it): what the gateway asks when
 * its customer subscribes to the booking's channel.
 */
function asBooked(booking: TrackedBooking, startedAt: Date): ExistingBooking {
  const at = startedAt.toISOString();
  return {
    status: 'en_route',
    terms: {
      bookingId: booking.bookingId,
      customerId: booking.customerId,
      hubId,
      timeZone: 'Asia/Kolkata',
      serviceId: 'bench-service',
      serviceName: 'Kitchen cleaning',
      addressId: 'bench-address',
      partnerId: booking.partnerId,
      window: { kind: 'now', startsAt: at, endsAt: new Date(startedAt.getTime() + 3600_000).toISOString() },
      price: {
        basePaise: 59_900,
        extraBlocks: 0,
        extraPaise: 0,
        pretaxPaise: 59_900,
        taxRateBasisPoints: 0,
        taxPaise: 0,
        totalPaise: 59_900,
      },
      holdExpiresAt: at,
    },
    payment: { paymentId: newId(), orderId: newId(), amountPaise: 59_900 },
    assignment: {
      partnerId: booking.partnerId,
      partner: { name: 'Bench partner', photoUrl: null, phone: '+919800000000', rating: 4.6 },
      assignedAt: at,
      assignedBy: 'partner',
    },
    startedAt: at,
  };
}

/** The monitor watching `booking` since it set out, promised 20 minutes after. */
function watched(booking: TrackedBooking, now: Date, settings: MonitorSettings): TrackedBooking {
  const promisedArrivalAt = new Date(now.getTime() + 20 * 60_000).toISOString();
  const started = decideOrThrow(
    monitorDecider(settings),
    { type: 'Start', bookingId: booking.bookingId, promisedArrivalAt },
    { status: 'none' },
    { ...trackingActor, now },
  );
  return { ...booking, monitor: started.state, promisedArrivalAt };
}

/**
 * The same load against the common-stack peer (bench/peer): the same bookings, each assigned to its partner
 * in the peer's table, its customer watching the booking's room; the same phases, warm-up first (dropped).
 */
async function peerTracking(redisUrl: string, databaseUrl: string, job: TrackingLoadJob) {
  const peer = await startPeer({ databaseUrl, redisUrl, schema: `peer_${randomUUID().slice(0, 8)}` });
  try {
    const bookings = await Promise.all(
      job.bookings.map(async (booking) => {
        const partnerId = newId();
        await peer.db.query(
          `INSERT INTO bookings (id, customer_id, hub_id, service, price_paise, partner_id, status)
           VALUES ($1, $2, $3, 'Kitchen cleaning', 59900, $4, 'en_route')`,
          [booking.bookingId, booking.customerId, hubId, partnerId],
        );
        return {
          ...booking,
          partnerToken: await peer.tokenFor({ sub: partnerId, role: 'partner', hubId }),
          customerToken: await peer.tokenFor({ sub: booking.customerId, role: 'customer' }),
        };
      }),
    );
    // closed-loop only: paced rates the peer cannot keep up with would only queue
    const phases = job.phases.filter((phase) => phase.uploadsPerSecond === undefined);
    return (await runLoad({ ...job, phases, baseUrl: peer.base, bookings, protocol: 'socket.io' })).slice(1);
  } finally {
    await peer.close();
  }
}

interface Pauses {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** What stalled the gateway's process during a phase: its event loop's delays and its GC pauses by kind. */
interface PhasePauses {
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  gc: Record<string, Pauses>;
}

const gcKinds: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/** Watches this process's event loop and garbage collector from a phase's start to its end. */
function watchPauses() {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const gc: Record<string, Pauses> = {};
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = gcKinds[(entry as PerformanceEntry & { detail: { kind: number } }).detail.kind] ?? 'other';
      const pauses = gc[kind] ?? { count: 0, totalMs: 0, maxMs: 0 };
      gc[kind] = {
        count: pauses.count + 1,
        totalMs: Number((pauses.totalMs + entry.duration).toFixed(1)),
        maxMs: Number(Math.max(pauses.maxMs, entry.duration).toFixed(1)),
      };
    }
  });
  loop.enable();
  observer.observe({ entryTypes: ['gc'] });
  return (): PhasePauses => {
    loop.disable();
    observer.disconnect();
    return {
      loopDelayP99Ms: Number((loop.percentile(99) / 1e6).toFixed(1)),
      loopDelayMaxMs: Number((loop.max / 1e6).toFixed(1)),
      gc,
    };
  };
}

type GatewayPhase = TrackingPhaseResult & { gatewayCpuMs: number; pauses: PhasePauses | null };

/** The load's phase results, each with the CPU milliseconds this process (the gateway) spent during it. */
function runLoad(job: TrackingLoadJob): Promise<GatewayPhase[]> {
  // with this process's Node flags, as bench/load.ts's generator
  const child = fork(path.join(import.meta.dirname, 'tracking-load.ts'), [], { stdio: 'inherit' });
  child.send(job);
  const cpuAtStart = new Map<number, NodeJS.CpuUsage>();
  const cpuMs = new Map<number, number>();
  const stopWatching = new Map<number, () => PhasePauses>();
  const pauses = new Map<number, PhasePauses>();
  return new Promise((resolve, reject) => {
    child.on('message', (message: PhaseMark | TrackingPhaseResult[]) => {
      if (Array.isArray(message)) {
        resolve(
          message.map((result, phase) => ({
            ...result,
            gatewayCpuMs: cpuMs.get(phase) ?? 0,
            pauses: pauses.get(phase) ?? null,
          })),
        );
        return;
      }
      if (message.is === 'started') {
        cpuAtStart.set(message.phase, process.cpuUsage());
        stopWatching.set(message.phase, watchPauses());
      } else {
        const used = process.cpuUsage(cpuAtStart.get(message.phase));
        cpuMs.set(message.phase, (used.user + used.system) / 1000);
        const stop = stopWatching.get(message.phase);
        if (stop) pauses.set(message.phase, stop());
      }
    });
    child.once('error', reject);
    child.once('close', (code) => reject(new Error(`tracking load exited with ${code} before answering`)));
  });
}

/**
 * The raw shape of an accepted position: GEOADD the latest, PUBLISH a message the size of a tracking update,
 * a subscriber receiving it; one position in flight per booking, as many bookings as the platform run.
 * Paced at `positionsPerSecond` (each booking on its own schedule, timed from when it was due) or, without
 * it, closed-loop.
 */
async function redisBaseline(
  redis: { connect: () => Redis },
  durationMs: number,
  positionsPerSecond?: number,
): Promise<Summary> {
  const publisher = redis.connect();
  const subscriber = redis.connect();
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const channel = `bench:tracking:${randomUUID()}`;
  const key = `bench:tracking:latest:${randomUUID()}`;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  subscriber.on('message', (_channel: string, message: string) => {
    const marker = (JSON.parse(message) as { update: { marker: string } }).update.marker;
    const sent = sentAt.get(marker);
    if (sent === undefined) return;
    latencies.push(nowMs() - sent);
    sentAt.delete(marker);
  });
  await subscriber.subscribe(channel);
  const started = performance.now();
  const deadline = started + durationMs;
  const periodMs = positionsPerSecond ? (bookingCount / positionsPerSecond) * 1000 : 0;
  await Promise.all(
    Array.from({ length: bookingCount }, async (_, index) => {
      let lat = destination.lat + 0.05;
      let dueAt = started + (index / bookingCount) * periodMs;
      for (let fix = 0; (positionsPerSecond ? dueAt : performance.now()) < deadline; fix++) {
        if (positionsPerSecond) {
          const waitMs = dueAt - performance.now();
          if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(waitMs)));
        } else dueAt = performance.now();
        lat += 30 / 111_320;
        const marker = `${index}:${fix}`;
        const payload = JSON.stringify({
          type: 'tracking',
          channel: `user:${index}`,
          update: {
            kind: 'position',
            bookingId: randomUUID(),
            marker,
            position: { lat, lng: destination.lng, accuracyMeters: 10, fixAt: new Date().toISOString() },
          },
        });
        sentAt.set(marker, performance.timeOrigin + dueAt);
        await publisher.geoadd(key, destination.lng, lat, `partner:${index}`);
        await publisher.publish(channel, payload);
        dueAt += periodMs;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 200));
  await publisher.del(key);
  publisher.disconnect();
  subscriber.disconnect();
  return summarize(latencies, elapsedMs);
}

const unavailable = (label: string): Summary & { label: string } => ({
  label,
  count: 0,
  perSecond: 0,
  p50Ms: 0,
  p99Ms: 0,
});

/** CPU milliseconds (user + system) `work` took in this process. */
async function cpuMsOf(work: () => Promise<void> | void): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Ticks over `bookings` as the throughput of bookings judged per CPU second, p50/p99 the CPU ms per tick. */
const perTick = (cpuMs: number[], bookings: number): Summary => {
  const ticks = summarize(cpuMs, 0);
  const total = cpuMs.reduce((sum, ms) => sum + ms, 0);
  return { ...ticks, perSecond: Number(((bookings * cpuMs.length * 1000) / total).toFixed(1)) };
};

/**
 * Tracking: partner positions through one gateway process to the customers' sockets (1 and 10 fixes per
 * upload) against raw Redis GEOADD + PUBLISH, and one ETA monitor tick over 10,000 en-route bookings (the
 * job with its queries) against the monitor's pure decision over the same bookings.
 */
export async function run(): Promise<BenchOutcome> {
  // the ETA monitor job waits: the bench ticks it by hand over its own 10,000 bookings
  const zefy = await startBenchPlatform({ TRACKING_MONITOR_TICK_MS: '600000' });
  const scenarios: Scenario[] = [];
  const settings: Record<string, unknown> = {
    bookings: bookingCount,
    phaseDurationMs: benchSettings.durationMs,
    warmUpMs,
    fixesPerUpload,
    fix: '~30 m apart, 1 s of fix time apart, accuracy 10 m (every fix shown: past the 25 m jitter radius)',
    load: 'separate process: one upload in flight per partner, each booking’s customer on a WebSocket',
    paced:
      'open loop: each partner uploads on its own fixed schedule (the rate spread evenly), latency from when the upload was due (no coordinated omission)',
    pacedPhases,
    monitorBookings,
    servers: {
      database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded',
      cache: process.env.REDIS_URL ? 'REDIS_URL' : 'in-process',
    },
  };
  try {
    const tracking = zefy.platform.services.find((service) => service.module.name === 'tracking');
    if (!tracking) throw new Error('the bench runs tracking in process');
    const deps = tracking.deps as TrackingDeps;
    const booked = zefy.platform.services.find((service) => service.module.name === 'booking');
    if (!booked) throw new Error('the bench runs booking in process');
    const bookingDeps = booked.deps as BookingDeps;

    const now = new Date();
    const onTheWay = Array.from({ length: bookingCount }, (_, index) => enRoute(now, index));
    for (const booking of onTheWay) {
      await deps.db.transaction((tx) => saveTracked(tx, booking, now));
      await bookingDeps.db.transaction((tx) =>
        saveBooking(tx, newBooking(booking.bookingId), asBooked(booking, now), [], {
          now,
          customerPhone: null,
        }),
      );
    }
    const job: TrackingLoadJob = {
      baseUrl: zefy.base,
      bookings: await Promise.all(
        onTheWay.map(async (booking, index) => ({
          bookingId: booking.bookingId,
          partnerToken: await zefy.tokenFor('partner', booking.partnerId),
          customerId: booking.customerId,
          customerToken: await zefy.tokenFor('customer', booking.customerId),
          start: { lat: destination.lat + 0.05, lng: destination.lng + (index % 100) / 10_000 },
        })),
      ),
      // an unreported warm-up first: each booking's first ETA, its monitor started, the JIT
      phases: [
        { fixesPerUpload: 1, durationMs: warmUpMs },
        ...fixesPerUpload.map((size) => ({ fixesPerUpload: size, durationMs: benchSettings.durationMs })),
        ...pacedPhases.map((paced): TrackingPhase => ({ durationMs: benchSettings.durationMs, ...paced })),
      ],
    };
    // BENCH_CPU_PROFILE=file.cpuprofile: the platform's profile over the upload phases
    const profiling = profileFile ? await startProfiling(profileFile) : undefined;
    const phases = (await runLoad(job)).slice(1);
    await profiling?.stop();

    const redis = await reachableRedis();
    const baseline = redis
      ? {
          label: `raw Redis GEOADD + PUBLISH → subscriber, ${bookingCount} in flight`,
          ...(await redisBaseline(redis, benchSettings.durationMs)),
        }
      : unavailable('raw Redis GEOADD + PUBLISH (no Redis reachable: unavailable)');
    settings.baselineRedis = redis ? redis.url : 'unavailable';
    settings.uploads = phases.map(
      ({
        fixesPerUpload: size,
        uploadsPerSecond,
        uploads,
        accepted,
        rejected,
        statuses,
        undelivered,
        loadLoopDelayMaxMs,
        gatewayCpuMs,
        elapsedMs,
        pauses,
      }) => ({
        fixesPerUpload: size,
        load: uploadsPerSecond === null ? 'closed-loop' : `paced at ${uploadsPerSecond} uploads/s`,
        uploads,
        accepted,
        rejected,
        statuses,
        undelivered,
        // what a loaded, shared machine distorts least: the gateway's own CPU per position and per upload
        gatewayCpuMs: Number(gatewayCpuMs.toFixed(1)),
        // how much of a core the gateway had: well under 1 on a shared machine
        gatewayCores: Number((gatewayCpuMs / elapsedMs).toFixed(2)),
        gatewayCpuUsPerPosition: Number(((gatewayCpuMs * 1000) / Math.max(1, accepted)).toFixed(1)),
        gatewayCpuUsPerUpload: Number(((gatewayCpuMs * 1000) / Math.max(1, uploads)).toFixed(1)),
        // a tail from the gateway's own stalls shows here; one from the machine or the load process does not
        gatewayPauses: pauses,
        loadLoopDelayMaxMs,
      }),
    );
    // a paced phase's rate is over its schedule, as wrk2 reports it: falling behind shows in p99 and in fixes
    // undelivered, not as the last uploads' latency added to the window
    const accepted = (phase: TrackingPhaseResult): Summary => {
      const windowMs = phase.uploadsPerSecond === null ? phase.elapsedMs : phase.durationMs;
      return {
        ...summarize(phase.fanOutMs, phase.elapsedMs),
        perSecond: Number(((phase.accepted / windowMs) * 1000).toFixed(1)),
      };
    };
    const closed = phases.filter((phase) => phase.uploadsPerSecond === null);
    const paced = phases.filter((phase) => phase.uploadsPerSecond !== null);
    for (const phase of closed)
      scenarios.push({
        label: `positions accepted, ${phase.fixesPerUpload} fix/upload → customer socket`,
        platform: accepted(phase),
        baseline,
      });
    for (const phase of paced) {
      const positionsPerSecond = (phase.uploadsPerSecond as number) * phase.fixesPerUpload;
      scenarios.push({
        label: `paced ${positionsPerSecond}/s, ${phase.fixesPerUpload} fix/upload → customer socket`,
        platform: accepted(phase),
        baseline: redis
          ? {
              label: `raw Redis GEOADD + PUBLISH → subscriber, paced ${positionsPerSecond}/s`,
              ...(await redisBaseline(redis, phase.durationMs, positionsPerSecond)),
            }
          : unavailable('raw Redis GEOADD + PUBLISH (no Redis reachable: unavailable)'),
      });
    }
    // a paced rate counts as sustained when its fixes arrived, all of them, at the offered rate within the bound
    const sustains = (phase: TrackingPhaseResult) => {
      const summary = accepted(phase);
      const offered = (phase.uploadsPerSecond as number) * phase.fixesPerUpload;
      return summary.p99Ms < p99BoundMs && phase.undelivered === 0 && summary.perSecond >= 0.95 * offered;
    };
    settings.pacedVerdict = Object.fromEntries(
      [...new Set(paced.map((phase) => phase.fixesPerUpload))].map((size) => {
        const held = paced.filter((phase) => phase.fixesPerUpload === size && sustains(phase));
        const best = Math.max(0, ...held.map((phase) => (phase.uploadsPerSecond as number) * size));
        return [`${size} fix/upload: highest paced positions/s at p99 < ${p99BoundMs} ms`, best];
      }),
    );
    console.info(settings.pacedVerdict);
    if (redis) {
      const peerPhases = await peerTracking(redis.url, zefy.databaseUrl, job);
      settings.peerUploads = peerPhases.map(({ fixesPerUpload: size, uploads, statuses }) => ({
        fixesPerUpload: size,
        uploads,
        statuses,
      }));
      closed.forEach((phase, index) => {
        const peer = peerPhases[index] as TrackingPhaseResult;
        scenarios.push({
          label: `positions, ${phase.fixesPerUpload} fix/upload → customer socket (vs peer)`,
          platform: accepted(phase),
          baseline: { label: 'peer: Express + Socket.IO + Redis adapter, same load', ...accepted(peer) },
        });
      });
    }

    // one ETA monitor tick over 10,000 en-route bookings, each with a fresh fix in the cache
    const watchedBookings = Array.from({ length: monitorBookings }, (_, index) =>
      watched(enRoute(new Date(now.getTime() - 5 * 60_000), index), now, deps.settings.monitor),
    );
    await deps.db.pool.query(
      `INSERT INTO bookings (booking_id, hub_id, customer_id, partner_id, status, destination_lat, destination_lng,
         started_at, promised_arrival_at, arrival, monitor, source_at)
       SELECT r.booking_id, r.hub_id, r.customer_id, r.partner_id, 'en_route', r.destination_lat,
         r.destination_lng, r.started_at, r.promised_arrival_at, r.arrival, r.monitor, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(booking_id uuid, hub_id text, customer_id text, partner_id text,
         destination_lat float8, destination_lng float8, started_at timestamptz, promised_arrival_at timestamptz,
         arrival jsonb, monitor jsonb)`,
      [
        JSON.stringify(
          watchedBookings.map((booking) => ({
            booking_id: booking.bookingId,
            hub_id: booking.hubId,
            customer_id: booking.customerId,
            partner_id: booking.partnerId,
            destination_lat: booking.destination?.lat,
            destination_lng: booking.destination?.lng,
            started_at: booking.startedAt,
            promised_arrival_at: booking.promisedArrivalAt,
            arrival: booking.arrival,
            monitor: booking.monitor,
          })),
        ),
      ],
    );
    // the positions scenario's bookings are en route too: they ride along in the job's tick
    const ticked = monitorBookings + bookingCount;
    const fixAt = new Date(Date.now() - 5000).toISOString();
    for (const booking of watchedBookings) {
      const fix = {
        lat: destination.lat + 0.02,
        lng: booking.destination?.lng ?? destination.lng,
        accuracyMeters: 10,
        fixAt,
      };
      await saveLive(deps.cache, booking.bookingId, booking.partnerId, {
        track: { latest: fix, shown: fix, sampled: fix },
        etaAt: fixAt,
      });
    }

    const monitor = monitorDecider(deps.settings.monitor);
    const tickAt = new Date();
    let states: MonitorState[] = watchedBookings.map((booking) => booking.monitor);
    const pureCpuMs: number[] = [];
    for (let tick = 0; tick < pureMonitorTicks; tick++) {
      const at = new Date(tickAt.getTime() + tick * 30_000);
      pureCpuMs.push(
        await cpuMsOf(() => {
          states = states.map((state, index) => {
            // a spread of ETAs: on time, a few minutes either way, and well late
            const etaAt = new Date(at.getTime() + (14 + (index % 12)) * 60_000).toISOString();
            return decideOrThrow(
              monitor,
              {
                type: 'Tick',
                estimatedArrivalAt: etaAt,
                lastFixAt: new Date(at.getTime() - 5000).toISOString(),
              },
              state,
              { ...trackingActor, now: at },
            ).state;
          });
        }),
      );
    }
    /** One tick of the job as its instance runs it, in CPU and wall milliseconds. */
    const jobTick = async () => {
      // the previous tick (the job's own, at start) holds the key for a tick: this one takes it over
      await deps.cache.del(monitorTickKey);
      const wallStarted = performance.now();
      const cpuMs = await cpuMsOf(() => tickMonitors(deps, new AbortController().signal));
      return { cpuMs, wallMs: performance.now() - wallStarted };
    };
    // the first tick publishes every booking's first ETA; the next, at once, finds the same ETAs (not told again)
    const first = await jobTick();
    const quiet = await jobTick();
    settings.monitorTick = {
      bookingsTicked: ticked,
      jobCpuMs: Number(first.cpuMs.toFixed(1)),
      jobWallMs: Number(first.wallMs.toFixed(1)),
      quietTickCpuMs: Number(quiet.cpuMs.toFixed(1)),
      quietTickWallMs: Number(quiet.wallMs.toFixed(1)),
      pureDecisionCpuMsPerTick: pureCpuMs.map((ms) => Number(ms.toFixed(2))),
      note: `CPU of this whole process (gateway included) while the job ticked; the pure decision is ${monitorBookings} Tick decisions`,
    };
    const pure = {
      label: `pure monitor decision over ${monitorBookings} (CPU ms/tick)`,
      ...perTick(pureCpuMs, monitorBookings),
    };
    scenarios.push(
      {
        label: `ETA monitor tick over ${ticked} en-route, first (every ETA told) (CPU ms/tick)`,
        platform: perTick([first.cpuMs], ticked),
        baseline: pure,
      },
      {
        label: `ETA monitor tick over ${ticked} en-route, second (ETAs unchanged) (CPU ms/tick)`,
        platform: perTick([quiet.cpuMs], ticked),
        baseline: pure,
      },
    );
    return { scenarios, settings };
  } finally {
    await zefy.stop();
  }
}
