import { realtimeProtocols, type ServerMessage } from '@zefy/contracts';
import WebSocket from 'ws';

/**
 * A test WebSocket client, connecting as the apps do (the token as a subprotocol), that records every message
 * and can wait for one matching a predicate.
 */
export async function connectWebSocket(baseUrl: string, token: string) {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, realtimeProtocols(token));
  const messages: ServerMessage[] = [];
  const waiters: Array<{ predicate: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> =
    [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  /** The first message from index `from` on that matches, waiting for it if needed. */
  const next = (predicate: (m: ServerMessage) => boolean, timeoutMs = 10_000, from = 0) =>
    new Promise<ServerMessage>((resolve, reject) => {
      const found = messages.slice(from).find(predicate);
      if (found) return resolve(found);
      const timer = setTimeout(
        () => reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages)}`)),
        timeoutMs,
      );
      waiters.push({
        predicate,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  return {
    messages,
    next,
    send: (message: object) => socket.send(JSON.stringify(message)),
    /** Resolves with the answer: subscribed, or the error refusing it. `after`: a booking channel's resume point. */
    async subscribe(channel: string, after?: number) {
      const from = messages.length;
      socket.send(JSON.stringify({ type: 'subscribe', channel, ...(after === undefined ? {} : { after }) }));
      return next(
        (m) => (m.type === 'subscribed' && m.channel === channel) || m.type === 'error',
        10_000,
        from,
      );
    },
    close: () => socket.close(),
    raw: socket,
  };
}
