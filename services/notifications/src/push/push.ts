/**
 * The push port and its pure rules: how an FCM answer is classified, when a delivery is retried and how long
 * to wait. Adapters (firebase-admin, our REST client) turn their errors into a `PushFailure` first.
 */

/** FCM HTTP v1 `FcmError.errorCode` values. */
export const fcmErrorCodes = [
  'UNSPECIFIED_ERROR',
  'INVALID_ARGUMENT',
  'UNREGISTERED',
  'SENDER_ID_MISMATCH',
  'QUOTA_EXCEEDED',
  'UNAVAILABLE',
  'INTERNAL',
  'THIRD_PARTY_AUTH_ERROR',
] as const;
export type FcmErrorCode = (typeof fcmErrorCodes)[number];

export interface PushFailure {
  /** An FCM error code, or what went wrong before FCM could answer: our credentials, or the network. */
  code: FcmErrorCode | 'AUTHENTICATION' | 'NETWORK';
  message: string;
  httpStatus: number | null;
  retryAfterMs: number | null;
  /** `google.rpc.BadRequest` field violations, e.g. `message.token`. */
  fields: string[];
}

export type PushResult = { ok: true; messageId: string } | { ok: false; failure: PushFailure };

export interface PushMessage {
  token: string;
  title: string;
  body: string;
  data: Record<string, string>;
  /** Same id → the device replaces the earlier notification instead of showing a second one. */
  collapseId: string;
}

/** The port: send each message on its own; results come back in input order and never reject. */
export interface PushSender {
  readonly name: string;
  sendEach(messages: readonly PushMessage[]): Promise<PushResult[]>;
  close(): Promise<void>;
}

export type FailureClass = 'token_invalid' | 'retryable' | 'permanent';

// INVALID_ARGUMENT also covers payload mistakes; only a complaint about the token means the token is dead
const tokenComplaint = /registration token/i;

export function classifyFailure(failure: PushFailure): FailureClass {
  switch (failure.code) {
    case 'UNREGISTERED':
      return 'token_invalid';
    case 'INVALID_ARGUMENT':
      return tokenComplaint.test(failure.message) || failure.fields.includes('message.token')
        ? 'token_invalid'
        : 'permanent';
    case 'QUOTA_EXCEEDED':
    case 'UNAVAILABLE':
    case 'INTERNAL':
    case 'NETWORK':
    // our own credentials: an OAuth hiccup or a key being rotated heals, and retries are bounded
    case 'AUTHENTICATION':
      return 'retryable';
    // a wrong project or APNs key is our misconfiguration: keep the token, fail this push
    case 'SENDER_ID_MISMATCH':
    case 'THIRD_PARTY_AUTH_ERROR':
    case 'UNSPECIFIED_ERROR':
      return 'permanent';
  }
}

export interface PushRetryPolicy {
  /** Sends in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is capped, so one bad answer cannot park a push for days. */
  maxRetryAfterMs: number;
}

export const defaultPushRetry: PushRetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

/**
 * Delay before the next send after `attempt` failed: exponential, half fixed and half random (per-message
 * jitter, so a burst of failures does not come back as a burst), and never sooner than Retry-After.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | null,
  policy: PushRetryPolicy,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxRetryAfterMs));
}

export type DeliveryDecision =
  | { status: 'sent'; messageId: string }
  | { status: 'retry'; delayMs: number; error: string }
  | { status: 'failed'; error: string; removeToken: boolean };

/** What to do with a delivery after its `attempt`-th send returned `result`. */
export function decideDelivery(
  result: PushResult,
  attempt: number,
  policy: PushRetryPolicy,
  random: () => number,
): DeliveryDecision {
  if (result.ok) return { status: 'sent', messageId: result.messageId };
  const { failure } = result;
  const error = `${failure.code}${failure.httpStatus ? ` (${failure.httpStatus})` : ''}: ${failure.message}`;
  const kind = classifyFailure(failure);
  if (kind === 'retryable' && attempt < policy.maxAttempts)
    return { status: 'retry', delayMs: retryDelayMs(attempt, failure.retryAfterMs, policy, random), error };
  return { status: 'failed', error, removeToken: kind === 'token_invalid' };
}

/** Retry-After is delay-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

const isFcmErrorCode = (value: unknown): value is FcmErrorCode =>
  typeof value === 'string' && (fcmErrorCodes as readonly string[]).includes(value);

// canonical google.rpc statuses, used when the body has no FcmError detail (as firebase-admin does)
const codeForStatus: Record<string, PushFailure['code']> = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_FOUND: 'UNREGISTERED',
  PERMISSION_DENIED: 'SENDER_ID_MISMATCH',
  RESOURCE_EXHAUSTED: 'QUOTA_EXCEEDED',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
  UNAUTHENTICATED: 'AUTHENTICATION',
};

// non-JSON bodies (a proxy's HTML page) are classified by HTTP status, as firebase-admin does
const codeForHttpStatus = (status: number): PushFailure['code'] => {
  if (status === 400) return 'INVALID_ARGUMENT';
  if (status === 401 || status === 403) return 'AUTHENTICATION';
  if (status === 404) return 'UNREGISTERED';
  if (status === 429) return 'QUOTA_EXCEEDED';
  if (status === 503) return 'UNAVAILABLE';
  if (status >= 500) return 'INTERNAL';
  return 'UNSPECIFIED_ERROR';
};

interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: Array<{ '@type'?: string; errorCode?: string; fieldViolations?: Array<{ field?: string }> }>;
  };
}

/** Reads an FCM HTTP v1 error response: the FcmError detail first, then the canonical status. */
export function failureFromResponse(
  httpStatus: number,
  body: string,
  retryAfter: string | null,
  now: Date,
): PushFailure {
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  let parsed: GoogleErrorBody | null = null;
  try {
    parsed = JSON.parse(body) as GoogleErrorBody;
  } catch {
    parsed = null;
  }
  const error = parsed?.error;
  if (!error || typeof error !== 'object')
    return {
      code: codeForHttpStatus(httpStatus),
      message: `HTTP ${httpStatus}: ${body.slice(0, 200)}`,
      httpStatus,
      retryAfterMs,
      fields: [],
    };
  const details = Array.isArray(error.details) ? error.details : [];
  const fcmCode = details.find((detail) =>
    detail['@type']?.endsWith('google.firebase.fcm.v1.FcmError'),
  )?.errorCode;
  const fields = details.flatMap((detail) =>
    (detail.fieldViolations ?? []).flatMap((violation) =>
      typeof violation.field === 'string' ? [violation.field] : [],
    ),
  );
  const code = isFcmErrorCode(fcmCode)
    ? fcmCode
    : (codeForStatus[error.status ?? ''] ?? codeForHttpStatus(httpStatus));
  return { code, message: error.message ?? error.status ?? 'no message', httpStatus, retryAfterMs, fields };
}

// firebase-admin's FirebaseMessagingError codes (`messaging/…`) and its app-level network/credential codes
const codeForFirebaseCode: Record<string, PushFailure['code']> = {
  'messaging/registration-token-not-registered': 'UNREGISTERED',
  'messaging/invalid-registration-token': 'INVALID_ARGUMENT',
  'messaging/invalid-argument': 'INVALID_ARGUMENT',
  'messaging/invalid-payload': 'INVALID_ARGUMENT',
  'messaging/payload-size-limit-exceeded': 'INVALID_ARGUMENT',
  'messaging/message-rate-exceeded': 'QUOTA_EXCEEDED',
  'messaging/device-message-rate-exceeded': 'QUOTA_EXCEEDED',
  'messaging/topics-message-rate-exceeded': 'QUOTA_EXCEEDED',
  'messaging/mismatched-credential': 'SENDER_ID_MISMATCH',
  'messaging/server-unavailable': 'UNAVAILABLE',
  'messaging/internal-error': 'INTERNAL',
  'messaging/third-party-auth-error': 'THIRD_PARTY_AUTH_ERROR',
  'messaging/authentication-error': 'AUTHENTICATION',
  'app/invalid-credential': 'AUTHENTICATION',
  'app/network-error': 'NETWORK',
  'app/network-timeout': 'NETWORK',
};

/** Normalises a firebase-admin error (it exposes neither the HTTP status nor Retry-After). */
export function failureFromFirebase(code: string, message: string): PushFailure {
  return {
    code: codeForFirebaseCode[code] ?? 'UNSPECIFIED_ERROR',
    message,
    httpStatus: null,
    retryAfterMs: null,
    fields: [],
  };
}

/** The HTTP v1 wire form (snake_case) of one message to one token. */
export function toWireMessage(message: PushMessage) {
  return {
    token: message.token,
    notification: { title: message.title, body: message.body },
    data: message.data,
    android: { priority: 'high', notification: { tag: message.collapseId } },
    apns: { headers: { 'apns-priority': '10', 'apns-collapse-id': message.collapseId } },
    webpush: { notification: { tag: message.collapseId } },
  };
}
