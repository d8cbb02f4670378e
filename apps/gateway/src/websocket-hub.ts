import websocket from '@fastify/websocket';
import { type ClientMessage, canSubscribe, type Principal, type ServerMessage } from '@zefy/contracts';
import { AppError, type Cache, type Metrics, realtimeChannel, type SessionRegistry } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';

const maxChannelsPerSocket = 50;
const heartbeatMs = 30_000;
/** Application close code (4000-4999): the session was logged out or revoked; log in again. */
export const sessionEndedCloseCode = 4401;

interface Connection {
  socket: WebSocket;
  principal: Principal;
  sessionId: string;
  channels: Set<string>;
  isAlive: boolean;
}

/**
 * The gateway's WebSocket endpoint `/ws?token=…`: clients subscribe to channels they may see; messages
 * published on the cache's pub/sub (by any service on any instance) reach every local subscriber. A socket
 * lives only as long as its session: it is closed when the session is revoked (announced on pub/sub, and
 * re-checked at every heartbeat and subscription, since pub/sub may drop a message).
 */
export async function useWebSocketHub(
  app: FastifyInstance,
  options: { cache: Cache; metrics: Metrics; sessions: SessionRegistry },
): Promise<void> {
  const { cache, metrics, sessions } = options;
  const local = new Map<string, { sockets: Set<Connection>; unsubscribe: Promise<() => Promise<void>> }>();

  const send = (connection: Connection, message: ServerMessage) => {
    if (connection.socket.readyState === connection.socket.OPEN)
      connection.socket.send(JSON.stringify(message));
  };

  async function join(connection: Connection, channel: string): Promise<void> {
    let entry = local.get(channel);
    if (!entry) {
      const sockets = new Set<Connection>();
      const unsubscribe = cache.subscribe(realtimeChannel(channel), (raw) => {
        for (const subscriber of sockets) {
          if (subscriber.socket.readyState === subscriber.socket.OPEN) subscriber.socket.send(raw);
        }
      });
      entry = { sockets, unsubscribe };
      local.set(channel, entry);
    }
    entry.sockets.add(connection);
    connection.channels.add(channel);
    await entry.unsubscribe;
  }

  async function leave(connection: Connection, channel: string): Promise<void> {
    connection.channels.delete(channel);
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

  const connections = new Set<Connection>();
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });

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
        const token = (request.query as { token?: string }).token;
        if (!token) throw new AppError('AUTH.UNAUTHENTICATED', 'Connect with /ws?token=<access token>');
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
        metrics.websocketConnections.dec();
        for (const channel of [...connection.channels]) void leave(connection, channel);
      });
      send(connection, { type: 'welcome', principal: connection.principal });
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
  }, heartbeatMs);
  heartbeat.unref();

  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    await stopRevocations();
    for (const connection of connections) connection.socket.close(1001, 'server shutting down');
    await Promise.all([...local.values()].map(async (entry) => (await entry.unsubscribe)()));
    local.clear();
  });
}
