import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { channels, realtimeProtocols, type ServerMessage } from '@zefy/contracts';
import { io as socketIo } from 'socket.io-client';
import WebSocket from 'ws';

/**
 * The load generator: a process of its own (forked by bench/load.ts), so the server measured does not share
 * its event loop with the client. It takes one job over IPC, answers with raw timings and exits.
 */
export interface HttpRequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A fresh Idempotency-Key per request, for writes sent over and over. */
  freshIdempotencyKey?: boolean;
}

export type LoadJob =
  | {
      kind: 'http';
      baseUrl: string;
      concurrency: number;
      /** Each request once (a list), or the first over and over until `durationMs` is up. */
      requests: HttpRequestSpec[];
      durationMs?: number;
    }
  | BookingFlowsJob
  | {
      kind: 'sockets';
      /** Where to connect, each with its token (or none: a raw `ws` server) and channel to subscribe. */
      url: string;
      clients: Array<{ token?: string; channel?: string }>;
      /** Where the accepting client of a round (see `SocketCommand`) accepts its offer over HTTP. */
      acceptThrough?: string;
      /** The platform's realtime protocol over `ws` (the default), or the Socket.IO peer's (bench/peer). */
      protocol?: 'zefy' | 'socket.io';
    };

/**
 * Paid bookings as a customer's app makes them, one at a time per customer: hold, payment order, pay on the
 * Razorpay simulator (what its checkout page does), verify, then the booking's `confirmed` on the customer's
 * socket. Flows are taken in order until `durationMs` is up; a flow not confirmed within `timeoutMs` failed.
 */
export interface BookingFlowsJob {
  kind: 'booking-flows';
  baseUrl: string;
  /** The gateway's WebSocket endpoint. */
  socketUrl: string;
  /** Where the simulator's control API pays an order (`${payPath}/orders/:id/pay`). */
  simControlPath: string;
  customers: Array<{ id: string; token: string; addressId: string }>;
  flows: Array<{ serviceId: string; startsAt: string }>;
  durationMs: number;
  timeoutMs: number;
}

export const bookingFlowSteps = ['hold', 'order', 'pay', 'verify', 'confirmed'] as const;
export type BookingFlowStep = (typeof bookingFlowSteps)[number];

export interface BookingFlowsResult {
  /** Each confirmed flow: the hold sent to `confirmed` received. */
  latenciesMs: number[];
  /** From the first flow started to the last one finished. */
  elapsedMs: number;
  /** Each step's milliseconds (`confirmed`: from the verification answered to the event received). */
  stepsMs: Record<BookingFlowStep, number[]>;
  /** Failed flows by the step and status that failed them. */
  failures: Record<string, number>;
}

export interface HttpResult {
  latenciesMs: number[];
  elapsedMs: number;
  statuses: Record<string, number>;
}

/** Messages between the bench (parent) and the socket clients (this process). */
export type SocketReport =
  | { type: 'connected' }
  | { type: 'listening'; round: number }
  | { type: 'received'; round: number; atMs: number[]; bytes: number }
  | {
      type: 'accepted';
      round: number;
      status: number;
      /** From the accept sent: its answer, and the customer's socket receiving `assigned` (when watched). */
      latencyMs: number;
      assignedMs: number | null;
    };
export type AcceptMoment = 'first-offer' | 'wave-landed';

export type SocketCommand =
  | {
      type: 'expect';
      round: number;
      /** The booking whose offer each client awaits (the raw baseline: its payload's marker). */
      bookingId: string;
      /** The clients that should receive the offer; the first accepts it when `acceptThrough` is set. */
      clients: number[];
      /**
       * When the first client accepts: the moment its offer arrives, while the wave still lands on the other
       * sockets, or once every client has it (a partner reads the offer before tapping accept).
       */
      acceptWhen?: AcceptMoment;
      /** The booking's customer, whose socket (opened for the round) awaits the assignment. */
      customer?: { token: string; channel: string };
    }
  | { type: 'close' };

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes of one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();

/** One request over keep-alive `agent`: its status and body. */
function sendOn(agent: Agent, baseUrl: string) {
  const target = new URL(baseUrl);
  return (spec: HttpRequestSpec) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers: Record<string, string> = { ...spec.headers };
      if (spec.freshIdempotencyKey) headers['idempotency-key'] = randomUUID();
      if (spec.body !== undefined) headers['content-length'] = String(Buffer.byteLength(spec.body));
      const outgoing = request(
        { agent, host: target.hostname, port: target.port, method: spec.method, path: spec.path, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(spec.body);
    });
}

async function runHttp(job: Extract<LoadJob, { kind: 'http' }>): Promise<HttpResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const send = sendOn(agent, job.baseUrl);
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const deadline = job.durationMs === undefined ? Number.POSITIVE_INFINITY : started + job.durationMs;
  let next = 0;
  const take = (): HttpRequestSpec | undefined => {
    if (job.durationMs !== undefined) return performance.now() < deadline ? job.requests[0] : undefined;
    return job.requests[next++];
  };
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      for (let spec = take(); spec; spec = take()) {
        const sent = performance.now();
        const { status } = await send(spec);
        latenciesMs.push(performance.now() - sent);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latenciesMs, elapsedMs, statuses };
}

/** One client's socket, whichever protocol: every message it receives as text. */
interface ClientSocket {
  onMessage(listener: (text: string) => void): () => void;
  close(): void;
}

function connectZefy(url: string, client: { token?: string; channel?: string }): Promise<ClientSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, client.token ? realtimeProtocols(client.token) : undefined);
    const wrapped: ClientSocket = {
      onMessage(listener) {
        const raw = (data: WebSocket.RawData) => listener(data.toString());
        socket.on('message', raw);
        return () => socket.off('message', raw);
      },
      close: () => socket.close(),
    };
    socket.once('error', reject);
    socket.once('open', () => {
      if (!client.channel) return resolve(wrapped);
      // the gateway greets first: the socket is ready once its channel's subscription is confirmed
      const stop = wrapped.onMessage((text) => {
        const message = JSON.parse(text) as ServerMessage;
        if (message.type === 'subscribed' && message.channel === client.channel) {
          stop();
          resolve(wrapped);
        } else if (message.type === 'error') {
          stop();
          reject(new Error(`subscribing to ${client.channel}: ${message.code}`));
        }
      });
      socket.send(JSON.stringify({ type: 'subscribe', channel: client.channel }));
    });
  });
}

/** A Socket.IO client as teams configure it: WebSocket transport only, the token in the handshake. */
function connectSocketIo(url: string, client: { token?: string }): Promise<ClientSocket> {
  return new Promise((resolve, reject) => {
    const socket = socketIo(url, { transports: ['websocket'], auth: { token: client.token } });
    socket.once('connect_error', reject);
    socket.once('connect', () =>
      resolve({
        onMessage(listener) {
          const any = (event: string, data: unknown) => listener(JSON.stringify({ event, data }));
          socket.onAny(any);
          return () => socket.offAny(any);
        },
        close: () => socket.close(),
      }),
    );
  });
}

/** A message as any of the protocols spells it: the platform's (and the raw baseline's), or the peer's as forwarded. */
interface AnyMessage {
  type?: string;
  event?: string | { type?: string; data?: { bookingId?: string; offers?: Array<{ offerId: string }> } };
  data?: { bookingId?: string };
}

/**
 * The offer of `bookingId` in `text`, if it is one: the platform's `dispatch.offers_sent` event (the raw
 * baseline's payload has its shape) or the peer's `offer`. Other messages naming the booking, such as the
 * partner's inbox notification of the same offer, which may arrive first, are not the offer.
 */
function offerIn(text: string, bookingId: string): AnyMessage | undefined {
  if (!text.includes(bookingId)) return undefined;
  const message = JSON.parse(text) as AnyMessage;
  const isOffer =
    typeof message.event === 'object'
      ? message.type === 'event' &&
        message.event.type === 'dispatch.offers_sent' &&
        message.event.data?.bookingId === bookingId
      : message.event === 'offer' && message.data?.bookingId === bookingId;
  return isOffer ? message : undefined;
}

/**
 * Opens every socket (subscribed to its channel when it has one), then, per `expect` command, reports when
 * each socket received the round's offer; client 0 accepts it.
 */
async function runSockets(job: Extract<LoadJob, { kind: 'sockets' }>, reply: (report: SocketReport) => void) {
  const connect = job.protocol === 'socket.io' ? connectSocketIo : connectZefy;
  const sockets = await Promise.all(job.clients.map((client) => connect(job.url, client)));
  reply({ type: 'connected' });
  process.on('message', async (command: SocketCommand) => {
    if (command.type === 'close') {
      for (const socket of sockets) socket.close();
      process.exit(0);
    }
    const customer = command.customer ? await connect(job.url, command.customer) : undefined;
    const atMs: number[] = [];
    let bytes = 0;
    let pending = command.clients.length;
    let acceptFirst = () => {};
    command.clients.forEach((client, position) => {
      const stop = (sockets[client] as ClientSocket).onMessage((text) => {
        const offer = offerIn(text, command.bookingId);
        if (!offer) return;
        atMs[position] = nowMs();
        if (position === 0) bytes = Buffer.byteLength(text);
        stop();
        if (position === 0 && job.acceptThrough)
          acceptFirst = () => void accept(client, offer, command.round, customer);
        if (position === 0 && command.acceptWhen !== 'wave-landed') acceptFirst();
        pending -= 1;
        if (pending > 0) return;
        reply({ type: 'received', round: command.round, atMs, bytes });
        if (command.acceptWhen === 'wave-landed') acceptFirst();
      });
    });
    reply({ type: 'listening', round: command.round });
  });

  /** Where `offer` is accepted: the platform's offer, or the peer's booking. */
  const acceptPath = (offer: AnyMessage): string =>
    typeof offer.event === 'object'
      ? `/api/v1/partner/offers/${offer.event.data?.offers?.[0]?.offerId}/accept`
      : `/bookings/${offer.data?.bookingId}/accept`;

  async function accept(client: number, offer: AnyMessage, round: number, customer?: ClientSocket) {
    const path = acceptPath(offer);
    const sent = performance.now();
    const assigned = customer && assignedOn(customer);
    const response = await fetch(`${job.acceptThrough}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${job.clients[client]?.token}` },
    });
    await response.arrayBuffer();
    const latencyMs = performance.now() - sent;
    // a refused accept assigns nobody: nothing to wait for
    const assignedMs = assigned && response.status === 200 ? (await assigned) - sent : null;
    customer?.close();
    reply({ type: 'accepted', round, status: response.status, latencyMs, assignedMs });
  }

  /** When the customer's socket is told of the assignment (performance.now()): the platform's event or the peer's. */
  function assignedOn(socket: ClientSocket): Promise<number> {
    return new Promise((resolve) => {
      const stop = socket.onMessage((text) => {
        // the platform's event message, or the peer's Socket.IO event as this client forwards it
        const message = JSON.parse(text) as { type?: string; event?: string | { type?: string } };
        const isAssigned =
          message.event === 'assigned' ||
          (message.type === 'event' &&
            typeof message.event === 'object' &&
            message.event.type === 'booking.partner_assigned');
        if (!isAssigned) return;
        stop();
        resolve(performance.now());
      });
    });
  }
}

class FlowFailure extends Error {}

async function runBookingFlows(job: BookingFlowsJob): Promise<BookingFlowsResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.customers.length });
  const send = sendOn(agent, job.baseUrl);
  const latenciesMs: number[] = [];
  const stepsMs = Object.fromEntries(bookingFlowSteps.map((step) => [step, []])) as unknown as Record<
    BookingFlowStep,
    number[]
  >;
  const failures: Record<string, number> = {};
  const json = { 'content-type': 'application/json' };
  const started = performance.now();
  const deadline = started + job.durationMs;
  let next = 0;
  let lastFinished = started;

  async function step<T>(name: BookingFlowStep, expected: number, spec: HttpRequestSpec): Promise<T> {
    const sent = performance.now();
    const { status, body } = await send(spec);
    stepsMs[name].push(performance.now() - sent);
    if (status !== expected) throw new FlowFailure(`${name} ${status}`);
    return JSON.parse(body) as T;
  }

  async function customerFlows(customer: BookingFlowsJob['customers'][number]) {
    const socket = await connectZefy(job.socketUrl, {
      token: customer.token,
      channel: channels.user(customer.id),
    });
    const confirmed = new Map<string, () => void>();
    socket.onMessage((text) => {
      if (!text.includes('booking.confirmed')) return;
      const message = JSON.parse(text) as ServerMessage;
      if (message.type !== 'event' || message.event.type !== 'booking.confirmed') return;
      confirmed.get((message.event.data as { bookingId: string }).bookingId)?.();
    });
    const auth = { authorization: `Bearer ${customer.token}`, ...json };
    for (let flow = job.flows[next++]; flow && performance.now() < deadline; flow = job.flows[next++]) {
      const sent = performance.now();
      let bookingId = '';
      try {
        const hold = await step<{ id: string }>('hold', 201, {
          method: 'POST',
          path: '/api/v1/holds',
          freshIdempotencyKey: true,
          headers: auth,
          body: JSON.stringify({
            serviceId: flow.serviceId,
            addressId: customer.addressId,
            window: { kind: 'slot', startsAt: flow.startsAt },
          }),
        });
        bookingId = hold.id;
        const isConfirmed = new Promise<void>((resolve) => confirmed.set(hold.id, resolve));
        const order = await step<{ id: string; razorpayOrderId: string }>('order', 201, {
          method: 'POST',
          path: '/api/v1/payments/orders',
          freshIdempotencyKey: true,
          headers: auth,
          body: JSON.stringify({ holdId: hold.id }),
        });
        const callback = await step<{ callback: Record<string, string> }>('pay', 200, {
          method: 'POST',
          path: `${job.simControlPath}/orders/${order.razorpayOrderId}/pay`,
          headers: json,
          body: JSON.stringify({ outcome: 'success' }),
        });
        await step('verify', 200, {
          method: 'POST',
          path: '/api/v1/payments/verify',
          headers: auth,
          body: JSON.stringify({ orderId: order.id, ...callback.callback }),
        });
        const verified = performance.now();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          isConfirmed,
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new FlowFailure('confirmed timeout')), job.timeoutMs);
          }),
        ]).finally(() => clearTimeout(timer));
        const now = performance.now();
        stepsMs.confirmed.push(now - verified);
        latenciesMs.push(now - sent);
      } catch (error) {
        if (!(error instanceof FlowFailure)) throw error;
        failures[error.message] = (failures[error.message] ?? 0) + 1;
      } finally {
        confirmed.delete(bookingId);
        lastFinished = Math.max(lastFinished, performance.now());
      }
    }
    socket.close();
  }

  await Promise.all(job.customers.map(customerFlows));
  agent.destroy();
  return { latenciesMs, elapsedMs: lastFinished - started, stepsMs, failures };
}

process.once('message', async (job: LoadJob) => {
  const reply = (message: unknown) => process.send?.(message);
  if (job.kind !== 'sockets') {
    const result = job.kind === 'http' ? await runHttp(job) : await runBookingFlows(job);
    process.send?.(result, () => process.disconnect());
    return;
  }
  await runSockets(job, reply);
});
