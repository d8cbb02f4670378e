import type { Agent } from 'node:http';
import type { App } from 'firebase-admin/app';
import { failureFromFirebase, toWireMessage } from './fcm.wire.ts';
import type { PushResult, PushSender } from './push.ts';

export interface FirebaseSenderOptions {
  projectId: string;
  /** A service account key as JSON; without it, Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS). */
  serviceAccountJson?: string;
  /** Tests route the SDK's HTTP/1 requests to the simulator through this agent. */
  httpAgent?: Agent;
  /** Replaces the OAuth credential (tests: no Google token endpoint here). */
  credential?: { getAccessToken(): Promise<{ access_token: string; expires_in: number }> };
}

// sendEach takes at most 500 messages per call
const maxBatch = 500;

const errorOf = (error: unknown) => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return failureFromFirebase(typeof code === 'string' ? code : 'unknown', String(message ?? error));
};

/** Firebase Cloud Messaging through firebase-admin's `messaging().sendEach` (one HTTP request per message). */
export async function createFirebaseSender(options: FirebaseSenderOptions): Promise<PushSender> {
  // loaded with this adapter only: the SDK is heavy to load, and the embedded default never uses it
  const [{ applicationDefault, cert, deleteApp, initializeApp }, { getMessaging }] = await Promise.all([
    import('firebase-admin/app'),
    import('firebase-admin/messaging'),
  ]);
  const app: App = initializeApp(
    {
      projectId: options.projectId,
      credential:
        options.credential ??
        (options.serviceAccountJson ? cert(JSON.parse(options.serviceAccountJson)) : applicationDefault()),
      ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
    },
    `zefy-notifications-${crypto.randomUUID()}`,
  );
  const messaging = getMessaging(app);
  if (options.httpAgent) messaging.enableLegacyHttpTransport();

  return {
    name: `firebase-admin ${options.projectId}`,
    async sendEach(messages) {
      const results: PushResult[] = [];
      for (let start = 0; start < messages.length; start += maxBatch) {
        const batch = messages.slice(start, start + maxBatch);
        try {
          const response = await messaging.sendEach(batch.map(toWireMessage));
          for (const item of response.responses)
            results.push(
              item.success && item.messageId
                ? { ok: true, messageId: item.messageId }
                : { ok: false, failure: errorOf(item.error) },
            );
        } catch (error) {
          // the whole batch failed before sending (credentials, validation): every message shares the cause
          const failure = errorOf(error);
          for (const _ of batch) results.push({ ok: false, failure });
        }
      }
      return results;
    },
    close: () => deleteApp(app),
  };
}
