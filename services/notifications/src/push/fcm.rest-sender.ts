import { failureFromResponse, toWireMessage } from './fcm.wire.ts';
import type { PushMessage, PushResult, PushSender } from './push.ts';

export interface FcmRestSenderOptions {
  /** `https://fcm.googleapis.com` in production; the simulator's URL locally. */
  baseUrl: string;
  projectId: string;
  /** An OAuth2 access token with the firebase.messaging scope (any agreed string for the simulator). */
  accessToken: () => Promise<string>;
  timeoutMs?: number;
  /** Requests in flight at once, like firebase-admin's sendEach over one HTTP/2 session. */
  concurrency?: number;
  now?: () => Date;
}

/**
 * Our HTTP v1 client: firebase-admin hard-codes fcm.googleapis.com for messaging, so this is how the
 * platform talks to the simulator. It speaks the same wire format and reads the same error bodies.
 */
export function createFcmRestSender(options: FcmRestSenderOptions): PushSender {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(options.projectId)}/messages:send`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());

  async function send(message: PushMessage): Promise<PushResult> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await options.accessToken()}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ message: toWireMessage(message) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (response.ok) {
        const name = (JSON.parse(text) as { name?: unknown }).name;
        if (typeof name === 'string') return { ok: true, messageId: name };
      }
      return {
        ok: false,
        failure: failureFromResponse(response.status, text, response.headers.get('retry-after'), now()),
      };
    } catch (error) {
      return {
        ok: false,
        failure: {
          code: 'NETWORK',
          message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          httpStatus: null,
          retryAfterMs: null,
          fields: [],
        },
      };
    }
  }

  return {
    name: `fcm-rest ${options.baseUrl}`,
    async sendEach(messages) {
      const results: PushResult[] = new Array(messages.length);
      let next = 0;
      const lanes = Array.from({ length: Math.min(options.concurrency ?? 16, messages.length) }, async () => {
        while (next < messages.length) {
          const index = next++;
          results[index] = await send(messages[index]!);
        }
      });
      await Promise.all(lanes);
      return results;
    },
    async close() {},
  };
}
