import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { channels, realtimeProtocols, type ServerMessage } from '@zefy/contracts';
import { io as socketIo } from 'socket.io-client';
import WebSocket from 'ws';

/**
 * The tracking load: a process of its own (forked by bench/tracking.bench.ts). Each en-route booking's
 * partner uploads fixes, one upload in flight at a time (as the partner app sends its queue),
 * while the booking's customer watches the booking's channel on their socket; fan-out latency is upload sent → the tracking
 * message with that upload's latest fix received, both timed here.
 *
 * A phase is closed-loop (each partner sends again as soon as answered: saturation, where latency is mostly
 * queueing) or paced (`uploadsPerSecond` across all partners, each partner on its own fixed schedule, wrk2
 * style): a paced upload's latency counts from when it was due, so an upload held behind a slow one, or a
 * load process that fell behind, is charged its wait (no coordinated omission).
 */
export interface TrackingLoadJob {
  baseUrl: string;
  bookings: Array<{
    bookingId: string;
    partnerToken: string;
    customerId: string;
    customerToken: string;
    start: { lat: number; lng: number };
  }>;
  phases: TrackingPhase[];
  /** The platform's routes and realtime protocol (the default), or the Socket.IO peer's (bench/peer). */
  protocol?: 'zefy' | 'socket.io';
}

export interface TrackingPhase {
  fixesPerUpload: number;
  durationMs: number;
  /** Paced: uploads offered per second across the partners. Absent: closed-loop. */
  uploadsPerSecond?: number;
}

/** Sent as each phase starts and ends, so the gateway's process can time its own CPU over the phase. */
export interface PhaseMark {
  phase: number;
  is: 'started' | 'ended';
}

export interface TrackingPhaseResult {
  fixesPerUpload: number;
  uploadsPerSecond: number | null;
  /** As scheduled (a paced phase's window), and as it ran until its last upload answered. */
  durationMs: number;
  elapsedMs: number;
  uploads: number;
  accepted: number;
  rejected: Record<string, number>;
  statuses: Record<string, number>;
  fanOutMs: number[];
  /** Shown fixes whose message never came (a socket behind keeps only the latest position). */
  undelivered: number;
  /** This process's longest event-loop stall in the phase: it delays the timing of what it receives. */
  loadLoopDelayMaxMs: number;
}

/** As load-generator.ts's (importing it would install its own job handler in this process). */
const nowMs = () => performance.timeOrigin + performance.now();

/** About 30 m north per fix, 1 s of fix time apart: past the 25 m jitter radius, well under 150 km/h. */
const stepDegrees = 30 / 111_320;
const accuracyMeters = 10;

type Delivered = (bookingId: string, fixAt: string) => void;

/** The booking's customer on the platform's WebSocket, watching the booking's channel once admitted. */
function watch(baseUrl: string, booking: TrackingLoadJob['bookings'][number], delivered: Delivered) {
  return new Promise<{ close(): void }>((resolve, reject) => {
    const socket = new WebSocket(
      `${baseUrl.replace(/^http/, 'ws')}/ws`,
      realtimeProtocols(booking.customerToken),
    );
    const channel = channels.booking(booking.bookingId);
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', channel })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'subscribed' && message.channel === channel) resolve(socket);
      else if (message.type === 'error') reject(new Error(`${channel}: ${message.code} ${message.detail}`));
      else if (message.type === 'tracking' && message.update.kind === 'position')
        delivered(message.update.bookingId, message.update.position.fixAt);
    });
  });
}

/** The booking's customer on the peer's Socket.IO, in the booking's room. */
function watchPeer(baseUrl: string, booking: TrackingLoadJob['bookings'][number], delivered: Delivered) {
  return new Promise<{ close(): void }>((resolve, reject) => {
    const socket = socketIo(baseUrl, { transports: ['websocket'], auth: { token: booking.customerToken } });
    socket.once('connect_error', reject);
    socket.on('position', (message: { bookingId: string; position: { fixAt: string } }) =>
      delivered(message.bookingId, message.position.fixAt),
    );
    socket.once('connect', () =>
      socket.emit('watch', booking.bookingId, (ok: boolean) =>
        ok ? resolve(socket) : reject(new Error(`the peer refused to watch ${booking.bookingId}`)),
      ),
    );
  });
}

async function run(job: TrackingLoadJob): Promise<TrackingPhaseResult[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.bookings.length });
  const target = new URL(job.baseUrl);
  const sentAt = new Map<string, number>();
  let fanOutMs: number[] = [];
  const delivered = (bookingId: string, fixAt: string) => {
    const key = `${bookingId}|${fixAt}`;
    const sent = sentAt.get(key);
    if (sent === undefined) return;
    fanOutMs.push(nowMs() - sent);
    sentAt.delete(key);
  };
  const sockets = await Promise.all(
    job.bookings.map((booking) =>
      job.protocol === 'socket.io'
        ? watchPeer(job.baseUrl, booking, delivered)
        : watch(job.baseUrl, booking, delivered),
    ),
  );
  // fix times (1 s apart) start far enough back that a whole run's fixes never get ahead of the server clock
  const fixTime = job.bookings.map(() => Date.now() - 12 * 3600_000);
  const position = job.bookings.map((booking) => ({ ...booking.start }));

  const upload = (index: number, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const booking = job.bookings[index] as TrackingLoadJob['bookings'][number];
      const outgoing = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path:
            job.protocol === 'socket.io'
              ? `/bookings/${booking.bookingId}/positions`
              : `/api/v1/partner/jobs/${booking.bookingId}/positions`,
          headers: {
            authorization: `Bearer ${booking.partnerToken}`,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const nextFixes = (index: number, count: number) =>
    Array.from({ length: count }, () => {
      const at = position[index] as { lat: number; lng: number };
      at.lat += stepDegrees;
      fixTime[index] = (fixTime[index] as number) + 1000;
      return {
        lat: at.lat,
        lng: at.lng,
        accuracyMeters,
        fixAt: new Date(fixTime[index] as number).toISOString(),
      };
    });

  const results: TrackingPhaseResult[] = [];
  for (const phase of job.phases) {
    fanOutMs = [];
    sentAt.clear();
    const result: TrackingPhaseResult = {
      fixesPerUpload: phase.fixesPerUpload,
      uploadsPerSecond: phase.uploadsPerSecond ?? null,
      durationMs: phase.durationMs,
      elapsedMs: 0,
      uploads: 0,
      accepted: 0,
      rejected: {},
      statuses: {},
      fanOutMs: [],
      undelivered: 0,
      loadLoopDelayMaxMs: 0,
    };
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    /** Sends one upload, timed from `dueAt` (a performance.now() time): when it was sent, or due. */
    const send = async (booking: TrackingLoadJob['bookings'][number], index: number, dueAt: number) => {
      const fixes = nextFixes(index, phase.fixesPerUpload);
      const latest = fixes[fixes.length - 1] as { fixAt: string };
      sentAt.set(`${booking.bookingId}|${latest.fixAt}`, performance.timeOrigin + dueAt);
      const answer = await upload(index, JSON.stringify({ positions: fixes }));
      result.uploads += 1;
      result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
      if (answer.status !== 200) return;
      const taken = JSON.parse(answer.text) as { accepted: number; rejected: Array<{ reason: string }> };
      result.accepted += taken.accepted;
      for (const { reason } of taken.rejected) result.rejected[reason] = (result.rejected[reason] ?? 0) + 1;
    };
    process.send?.({ phase: results.length, is: 'started' } satisfies PhaseMark);
    const started = performance.now();
    const deadline = started + phase.durationMs;
    const rate = phase.uploadsPerSecond;
    await Promise.all(
      job.bookings.map(async (booking, index) => {
        if (rate === undefined) {
          while (performance.now() < deadline) await send(booking, index, performance.now());
          return;
        }
        // each partner's own schedule, the partners' staggered evenly across one period
        const periodMs = (job.bookings.length / rate) * 1000;
        for (
          let dueAt = started + (index / job.bookings.length) * periodMs;
          dueAt < deadline;
          dueAt += periodMs
        ) {
          const waitMs = dueAt - performance.now();
          if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(waitMs)));
          await send(booking, index, dueAt);
        }
      }),
    );
    result.elapsedMs = performance.now() - started;
    loopDelay.disable();
    result.loadLoopDelayMaxMs = Number((loopDelay.max / 1e6).toFixed(1));
    process.send?.({ phase: results.length, is: 'ended' } satisfies PhaseMark);
    // the last uploads' messages are still on their way, and the next phase starts on a settled platform
    // (a closed-loop phase leaves work behind that would otherwise land in the next one's first second)
    await new Promise((resolve) => setTimeout(resolve, 3000));
    result.fanOutMs = fanOutMs;
    result.undelivered = sentAt.size;
    results.push(result);
  }
  for (const socket of sockets) socket.close();
  agent.destroy();
  return results;
}

process.once('message', async (job: TrackingLoadJob) => {
  const results = await run(job);
  process.send?.(results, () => process.disconnect());
});
