/** The FCM HTTP v1 wire as our adapters write messages and read answers, firebase-admin's errors included. */
import { type FcmErrorCode, fcmErrorCodes, type PushFailure, type PushMessage } from './push.ts';

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

/** The HTTP v1 wire form of one message to one token; firebase-admin's `Message` has the same shape. */
export interface WireMessage {
  token: string;
  notification?: { title: string; body: string };
  data: Record<string, string>;
  android: { priority: 'high'; notification?: { tag: string } };
  apns: { headers: Record<string, string>; payload?: { aps: Record<string, number> } };
  webpush: {
    headers?: Record<string, string>;
    notification?: { tag: string };
    /** What a tap opens; FCM takes only https:// (firebase-admin passes this spelling through as it is). */
    fcm_options?: { link: string };
  };
}

export function toWireMessage(message: PushMessage): WireMessage {
  if ('isSilent' in message)
    // data only: Android delivers it to the app at high priority; iOS wakes it as a background push, which
    // APNs takes only at priority 5 with content-available
    return {
      token: message.token,
      data: message.data,
      android: { priority: 'high' },
      apns: {
        headers: {
          'apns-priority': '5',
          'apns-push-type': 'background',
          'apns-collapse-id': message.collapseId,
        },
        payload: { aps: { 'content-available': 1 } },
      },
      webpush: { headers: { Urgency: 'high' } },
    };
  return {
    token: message.token,
    notification: { title: message.title, body: message.body },
    data: message.data,
    android: { priority: 'high', notification: { tag: message.collapseId } },
    apns: { headers: { 'apns-priority': '10', 'apns-collapse-id': message.collapseId } },
    webpush: {
      notification: { tag: message.collapseId },
      ...(message.link ? { fcm_options: { link: message.link } } : {}),
    },
  };
}
