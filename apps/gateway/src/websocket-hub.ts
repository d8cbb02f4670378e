import websocket from '@fastify/websocket';
import {
  type BookingChange,
  type BookingChangesPage,
  bearerProtocolPrefix,
  bookingOfChannel,
  type ClientMessage,
  canSubscribe,
  type LiveTracking,
  type Principal,
  realtimeProtocol,
  type ServerMessage,
} from '@zefy/contracts';
import { AppError, type Cache, type Metrics, realtimeChannel, type SessionRegistry } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import {
  type Backlog,
  type ChangeCursor,
  latestOnlyKey,
  offer,
  onLiveChange,
  onTimelineRead,
  release,
  resumeFrom,
  type Step,
} from './booking-channel.ts';

const maxChannelsPerSocket = 50;
/** Application close code (4000-4999): the session was logged out or revoked; log in again. */
export const sessionEndedCloseCode = 4401;

/** A watcher the booking service no longer admits: the booking is not theirs, or no longer. */
export const watchRefused = 'refused';

type Watcher = { principal: Principal; sessionId: string };

/**
 * Reads a booking's changes after a sequence as `who` (the booking service answers whether they may watch
 * it: `watchRefused` if not), or the snapshot it gives instead; a failure to answer rejects.
 */
export type ReadChanges = (
  who: Watcher,
  bookingId: string,
  after: number,
) => Promise<BookingChangesPage | typeof watchRefused>;

/** Reads a booking's live tracking as `who`, for a snapshot; null where tracking has none to show them. */
export type ReadTracking = (who: Watcher, bookingId: string) => Promise<LiveTracking | null>;

export interface WebSocketHubOptions {
  cache: Cache;
  metrics: Metrics;
  sessions: SessionRegistry;
  readChanges: ReadChanges;
  readTracking: ReadTracking;
  /** Ping interval; a socket that has not answered the previous ping by the next is terminated. */
  heartbeatMs: number;
  /** Bytes a socket may have unsent before its stale positions and ETAs are dropped (latest kept). */
  slowSocketBytes: number;
}

/** A changes released or reassigned partner may no longer see: rechecked before anything more reaches them. */
const mayRevokePartner = new Set<BookingChange['type']>([
  'booking.partner_released',
  'booking.partner_assigned',
]);

interface BookingWatch {
  bookingId: string;
  cursor: ChangeCursor;
  /** The booking service has admitted the watcher (the first read answered). */
  isAdmitted: boolean;
}

interface Connection {
  socket: WebSocket;
  principal: Principal;
  sessionId: string;
  channels: Set<string>;
  bookings: Map<string, BookingWatch>;
  backlog: Backlog;
  backlogTimer: ReturnType<typeof setTimeout> | null;
  isAlive: boolean;
}

/** The access token a client offers as a subprotocol next to `zefy.v1`; undefined without either. */
function tokenOffered(header: string | undefined): string | undefined {
  const protocols = (header ?? '').split(',').map((protocol) => protocol.trim());
  if (!protocols.includes(realtimeProtocol)) return undefined;
  const bearer = protocols.find((protocol) => protocol.startsWith(bearerProtocolPrefix));
  return bearer?.slice(bearerProtocolPrefix.length) || undefined;
}

/**
 * The gateway's WebSocket endpoint `/ws` (subprotocols `zefy.v1, bearer.<access token>`): clients subscribe to channels they may see; messages
 * published on the cache's pub/sub (by any service on any instance) reach every local subscriber. A socket
 * lives only as long as its session: it is closed when the session is revoked (announced on pub/sub, and
 * re-checked at every heartbeat and subscription, since pub/sub may drop a message).
 */
export async function useWebSocketHub(app: FastifyInstance, options: WebSocketHubOptions): Promise<void> {
  const { cache, metrics, sessions, readChanges, readTracking, slowSocketBytes } = options;
  const local = new Map<string, { sockets: Set<Connection>; unsubscribe: Promise<() => Promise<void>> }>();

  // a Buffer is sent as the text frame it encodes: a channel's message is encoded once for all its sockets
  const write = (connection: Connection, raw: string | Buffer) => {
    if (connection.socket.readyState === connection.socket.OPEN)
      connection.socket.send(raw, { binary: false });
  };
  const send = (connection: Connection, message: ServerMessage) => write(connection, JSON.stringify(message));

  /** Writes now, or (a position or ETA to a socket behind) keeps only the latest until it catches up. */
  function deliver(connection: Connection, raw: string, key: string | null): void {
    const offered = offer(connection.backlog, raw, key, connection.socket.bufferedAmount, slowSocketBytes);
    connection.backlog = offered.backlog;
    for (const line of offered.write) write(connection, line);
    if (connection.backlog.size > 0 && !connection.backlogTimer) scheduleRelease(connection);
  }

  function scheduleRelease(connection: Connection): void {
    connection.backlogTimer = setTimeout(() => {
      connection.backlogTimer = null;
      if (connection.socket.readyState !== connection.socket.OPEN) return;
      const released = release(connection.backlog, connection.socket.bufferedAmount, slowSocketBytes);
      connection.backlog = released.backlog;
      for (const line of released.write) write(connection, line);
      if (connection.backlog.size > 0) scheduleRelease(connection);
    }, 50);
    connection.backlogTimer.unref();
  }

  /** Sends what a step releases and starts the read it asks for; a refused read ends the watch. */
  function advance(connection: Connection, channel: string, watch: BookingWatch, step: Step): void {
    watch.cursor = step.cursor;
    for (const change of step.send) send(connection, { type: 'change', channel, change });
    if (step.read) void readFor(connection, channel, watch);
  }

  async function readFor(connection: Connection, channel: string, watch: BookingWatch): Promise<void> {
    const wasRechecking = watch.cursor.isRechecking;
    let page: BookingChangesPage | typeof watchRefused;
    let tracking: LiveTracking | null = null;
    try {
      page = await readChanges(connection, watch.bookingId, watch.cursor.last);
      if (page !== watchRefused && page.snapshot) tracking = await readTracking(connection, watch.bookingId);
    } catch (error) {
      app.log.warn({ err: error, bookingId: watch.bookingId }, 'booking channel read failed');
      return endWatch(
        connection,
        channel,
        'UPSTREAM.UNAVAILABLE',
        'The booking could not be read; subscribe again',
      );
    }
    if (connection.bookings.get(channel) !== watch) return;
    if (page === watchRefused)
      return endWatch(connection, channel, 'AUTH.FORBIDDEN', `You may not watch ${channel}`);
    if (!watch.isAdmitted) {
      watch.isAdmitted = true;
      send(connection, { type: 'subscribed', channel });
    }
    if (page.snapshot)
      send(connection, { type: 'resync', channel, snapshot: { ...page.snapshot, tracking } });
    const items = page.items as BookingChange[];
    const resyncAt = page.snapshot?.sequence ?? null;
    advance(connection, channel, watch, onTimelineRead(watch.cursor, { items, resyncAt }, wasRechecking));
  }

  function endWatch(connection: Connection, channel: string, code: string, detail: string): void {
    connection.bookings.delete(channel);
    void leave(connection, channel);
    send(connection, { type: 'error', code, detail, channel });
  }

  /** A message published on a booking channel: changes go through each watcher's cursor, the rest as they are. */
  function fanOutBooking(channel: string, sockets: Set<Connection>, raw: string): void {
    const message = JSON.parse(raw) as ServerMessage;
    const key = latestOnlyKey(message);
    for (const subscriber of sockets) {
      const watch = subscriber.bookings.get(channel);
      if (!watch) continue;
      if (message.type === 'change') {
        const mayRevoke =
          subscriber.principal.role === 'partner' && mayRevokePartner.has(message.change.type);
        advance(subscriber, channel, watch, onLiveChange(watch.cursor, message.change, mayRevoke));
      } else if (watch.isAdmitted && !watch.cursor.isRechecking) {
        deliver(subscriber, raw, key);
      }
    }
  }

  async function join(connection: Connection, channel: string): Promise<void> {
    let entry = local.get(channel);
    if (!entry) {
      const sockets = new Set<Connection>();
      const isBooking = bookingOfChannel(channel) !== null;
      const unsubscribe = cache.subscribe(realtimeChannel(channel), (raw) => {
        if (isBooking) return fanOutBooking(channel, sockets, raw);
        const frame = Buffer.from(raw);
        for (const subscriber of sockets) write(subscriber, frame);
      });
      entry = { sockets, unsubscribe };
      local.set(channel, entry);
    }
    entry.sockets.add(connection);
    connection.channels.add(channel);
    await entry.unsubscribe;
  }

  /**
   * A booking channel: joined first, so live changes are held while the timeline after `after` is read (as
   * the subscriber, which is also the check that they may watch it); then the read's changes, then the
   * held ones, each once and in order.
   */
  async function watchBooking(connection: Connection, channel: string, bookingId: string, after: number) {
    const started = resumeFrom(after);
    const watch: BookingWatch = { bookingId, cursor: started.cursor, isAdmitted: false };
    connection.bookings.set(channel, watch);
    await join(connection, channel);
    advance(connection, channel, watch, started);
  }

  async function leave(connection: Connection, channel: string): Promise<void> {
    connection.channels.delete(channel);
    connection.bookings.delete(channel);
    const entry = local.get(channel);
    if (!entry) return;
    entry.sockets.delete(connection);
    if (entry.sockets.size === 0) {
      local.delete(channel);
      await (await entry.unsubscribe)();
    }
  }

  async function onMessage(connection: Connection, raw: string): Promise<void> {
    let message: ClientMessage;
    try {
      message = JSON.parse(raw) as ClientMessage;
    } catch {
      return send(connection, {
        type: 'error',
        code: 'REQUEST.MALFORMED',
        detail: 'Messages are JSON objects',
      });
    }
    if (message.type === 'ping') return send(connection, { type: 'pong' });
    if (message.type !== 'subscribe' && message.type !== 'unsubscribe') {
      return send(connection, {
        type: 'error',
        code: 'REQUEST.VALIDATION_FAILED',
        detail: 'type must be subscribe, unsubscribe or ping',
      });
    }
    const channel = typeof message.channel === 'string' ? message.channel : '';
    if (message.type === 'unsubscribe') {
      await leave(connection, channel);
      return send(connection, { type: 'unsubscribed', channel });
    }
    if (!(await sessions.isActive(connection.sessionId, connection.principal))) return endSession(connection);
    const bookingId = bookingOfChannel(channel);
    if (bookingId !== null) return subscribeBooking(connection, channel, bookingId, message.after);
    if (!canSubscribe(channel, connection.principal)) {
      return send(connection, {
        type: 'error',
        code: 'AUTH.FORBIDDEN',
        detail: `You may not subscribe to ${channel || 'that channel'}`,
      });
    }
    if (connection.channels.size >= maxChannelsPerSocket && !connection.channels.has(channel)) {
      return send(connection, {
        type: 'error',
        code: 'REQUEST.RATE_LIMITED',
        detail: `At most ${maxChannelsPerSocket} channels per connection`,
      });
    }
    await join(connection, channel);
    send(connection, { type: 'subscribed', channel });
  }

  async function subscribeBooking(
    connection: Connection,
    channel: string,
    bookingId: string,
    after: unknown,
  ) {
    if (after !== undefined && !(Number.isSafeInteger(after) && (after as number) >= 0))
      return send(connection, {
        type: 'error',
        code: 'REQUEST.VALIDATION_FAILED',
        detail: 'after is the last sequence seen: an integer from 0',
        channel,
      });
    // a resubscription resumes from what the client says it has
    if (connection.channels.has(channel)) await leave(connection, channel);
    if (connection.channels.size >= maxChannelsPerSocket)
      return send(connection, {
        type: 'error',
        code: 'REQUEST.RATE_LIMITED',
        detail: `At most ${maxChannelsPerSocket} channels per connection`,
        channel,
      });
    await watchBooking(connection, channel, bookingId, (after as number | undefined) ?? 0);
  }

  const connections = new Set<Connection>();
  await app.register(websocket, {
    options: {
      maxPayload: 16 * 1024,
      // never echo the bearer protocol: the answer names the protocol only
      handleProtocols: (protocols) => (protocols.has(realtimeProtocol) ? realtimeProtocol : false),
    },
  });

  function endSession(connection: Connection): void {
    send(connection, { type: 'error', code: 'AUTH.UNAUTHENTICATED', detail: 'Session ended; log in again' });
    connection.socket.close(sessionEndedCloseCode, 'session ended');
  }

  const stopRevocations = await sessions.onRevoked((sessionId) => {
    for (const connection of connections) if (connection.sessionId === sessionId) endSession(connection);
  });

  app.get(
    '/ws',
    {
      websocket: true,
      schema: { hide: true },
      // runs before the upgrade, so a bad token gets a 401 problem instead of a socket
      preValidation: async (request) => {
        const token = tokenOffered(request.headers['sec-websocket-protocol']);
        if (!token)
          throw new AppError(
            'AUTH.UNAUTHENTICATED',
            `Connect with Sec-WebSocket-Protocol: ${realtimeProtocol}, ${bearerProtocolPrefix}<access token>`,
          );
        const { principal, sessionId } = await app.tokens.verifyAccessToken(token);
        request.principal = principal;
        request.sessionId = sessionId;
      },
    },
    (socket, request) => {
      const connection: Connection = {
        socket,
        principal: request.principal as Principal,
        sessionId: request.sessionId as string,
        channels: new Set(),
        bookings: new Map(),
        backlog: new Map(),
        backlogTimer: null,
        isAlive: true,
      };
      connections.add(connection);
      metrics.websocketConnections.inc();
      socket.on('pong', () => {
        connection.isAlive = true;
      });
      socket.on('message', (data) => {
        onMessage(connection, data.toString()).catch((error: unknown) => {
          request.log.warn({ err: error }, 'websocket message failed');
          send(connection, { type: 'error', code: 'INTERNAL.ERROR', detail: 'Try again' });
        });
      });
      socket.on('close', () => {
        connections.delete(connection);
        if (connection.backlogTimer) clearTimeout(connection.backlogTimer);
        metrics.websocketConnections.dec();
        for (const channel of [...connection.channels]) void leave(connection, channel);
      });
      send(connection, {
        type: 'welcome',
        principal: connection.principal,
        heartbeatMs: options.heartbeatMs,
      });
    },
  );

  const heartbeat = setInterval(() => {
    for (const connection of connections) {
      if (!connection.isAlive) {
        connection.socket.terminate();
        continue;
      }
      connection.isAlive = false;
      connection.socket.ping();
      sessions.isActive(connection.sessionId, connection.principal).then(
        (isActive) => {
          if (!isActive) endSession(connection);
        },
        (error: unknown) => app.log.warn({ err: error }, 'websocket session check failed'),
      );
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    await stopRevocations();
    for (const connection of connections) connection.socket.close(1001, 'server shutting down');
    await Promise.all([...local.values()].map(async (entry) => (await entry.unsubscribe)()));
    local.clear();
  });
}
