import { accept, assertNever, type Decider } from '@zefy/platform/domain';

/**
 * The push port and the life of one delivery: how an FCM answer is classified, when a delivery is retried and
 * how long to wait. Adapters (firebase-admin, our REST client) turn their errors into a `PushFailure` first.
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

/** A notification the device shows (`title`, `body`), or a silent, data-only one that only wakes the app. */
export type PushMessage = {
  token: string;
  data: Record<string, string>;
  /** Same id → the device replaces the earlier notification instead of showing a second one. */
  collapseId: string;
} & (
  | {
      title: string;
      body: string;
      /** The https:// page of the app a tap on it opens (web push); none: the app's start page. */
      link?: string;
    }
  | { isSilent: true }
);

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
 * Delay before the next send after `attempt` failed: exponential, half fixed and half `jitter` (0 to 1, drawn
 * per message, so a burst of failures does not come back as a burst), and never sooner than Retry-After.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | null,
  policy: PushRetryPolicy,
  jitter: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + jitter * (ceiling / 2));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxRetryAfterMs));
}

/** One push to one device: pending (on its `attempt`-th send) until sent, given up on, or skipped. */
export type DeliveryState =
  | { status: 'pending'; attempt: number }
  | { status: 'sent'; messageId: string }
  | { status: 'failed'; error: string }
  | { status: 'skipped' };

export type DeliveryCommand =
  /** What the send answered; `jitter` (0 to 1) is drawn by the caller, so deciding stays deterministic. */
  | { type: 'RecordSend'; result: PushResult; jitter: number }
  /** Nothing to send: the device was removed after the push was queued, or the push is past its expiry. */
  | { type: 'Skip'; reason: SkipReason };

export type SkipReason = 'device_removed' | 'expired';

export type DeliveryEvent =
  | { type: 'PushSent'; messageId: string }
  | { type: 'PushRetryScheduled'; delayMs: number; error: string }
  /** `tokenRejected`: FCM says the token is dead, so the device goes too. */
  | { type: 'PushFailed'; error: string; tokenRejected: boolean }
  | { type: 'PushSkipped'; reason: SkipReason };

const describeFailure = ({ code, httpStatus, message }: PushFailure) =>
  `${code}${httpStatus ? ` (${httpStatus})` : ''}: ${message}`;

/**
 * A delivery's life: a success is final, a retryable failure waits (backoff, Retry-After) until the last
 * attempt, anything else fails at once. The table counts attempts when a send is leased, so a worker that
 * died mid-send used one up; a finished delivery ignores late outcomes.
 */
export const pushDelivery = (
  policy: PushRetryPolicy,
): Decider<DeliveryCommand, DeliveryState, DeliveryEvent> => ({
  initialState: { status: 'pending', attempt: 1 },
  decide(command, state) {
    if (state.status !== 'pending') return accept();
    switch (command.type) {
      case 'Skip':
        return accept({ type: 'PushSkipped', reason: command.reason });
      case 'RecordSend': {
        const { result } = command;
        if (result.ok) return accept({ type: 'PushSent', messageId: result.messageId });
        const { failure } = result;
        const error = describeFailure(failure);
        const kind = classifyFailure(failure);
        if (kind === 'retryable' && state.attempt < policy.maxAttempts)
          return accept({
            type: 'PushRetryScheduled',
            delayMs: retryDelayMs(state.attempt, failure.retryAfterMs, policy, command.jitter),
            error,
          });
        return accept({ type: 'PushFailed', error, tokenRejected: kind === 'token_invalid' });
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    if (state.status !== 'pending') return state;
    switch (event.type) {
      case 'PushSent':
        return { status: 'sent', messageId: event.messageId };
      case 'PushRetryScheduled':
        return { status: 'pending', attempt: state.attempt + 1 };
      case 'PushFailed':
        return { status: 'failed', error: event.error };
      case 'PushSkipped':
        return { status: 'skipped' };
      default:
        return assertNever(event);
    }
  },
});
