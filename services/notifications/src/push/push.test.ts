import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyFailure,
  decideDelivery,
  defaultPushRetry,
  failureFromFirebase,
  failureFromResponse,
  type PushFailure,
  parseRetryAfter,
  retryDelayMs,
} from './push.ts';

const now = new Date('2026-11-24T10:00:00.000Z');
const failure = (overrides: Partial<PushFailure>): PushFailure => ({
  code: 'UNSPECIFIED_ERROR',
  message: '',
  httpStatus: null,
  retryAfterMs: null,
  fields: [],
  ...overrides,
});
const googleError = (status: string, code: number, message: string, fcmCode?: string, extra: object[] = []) =>
  JSON.stringify({
    error: {
      code,
      message,
      status,
      details: [
        ...(fcmCode
          ? [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: fcmCode }]
          : []),
        ...extra,
      ],
    },
  });
const half = () => 0.5;

describe('reading FCM error responses', () => {
  it('takes the FcmError detail first, as the spec example for an invalid token', () => {
    const body = googleError(
      'INVALID_ARGUMENT',
      400,
      'The registration token is not a valid FCM registration token',
      'INVALID_ARGUMENT',
    );
    expect(failureFromResponse(400, body, null, now)).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'The registration token is not a valid FCM registration token',
      httpStatus: 400,
      retryAfterMs: null,
      fields: [],
    });
  });

  it('maps the canonical status when there is no FcmError detail (NOT_FOUND means unregistered)', () => {
    expect(
      failureFromResponse(404, googleError('NOT_FOUND', 404, 'Requested entity was not found.'), null, now)
        .code,
    ).toBe('UNREGISTERED');
    expect(failureFromResponse(429, googleError('RESOURCE_EXHAUSTED', 429, 'quota'), null, now).code).toBe(
      'QUOTA_EXCEEDED',
    );
    expect(failureFromResponse(401, googleError('UNAUTHENTICATED', 401, 'bad token'), null, now).code).toBe(
      'AUTHENTICATION',
    );
  });

  it('collects BadRequest field violations', () => {
    const body = googleError(
      "Invalid value at 'message.data[0].value'",
      400,
      'bad data',
      'INVALID_ARGUMENT',
      [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: [{ field: 'message.data[0].value', description: 'not a string' }],
        },
      ],
    );
    expect(failureFromResponse(400, body, null, now).fields).toEqual(['message.data[0].value']);
  });

  it('classifies non-JSON answers by HTTP status, as firebase-admin does', () => {
    expect(failureFromResponse(503, '<html>busy</html>', null, now).code).toBe('UNAVAILABLE');
    expect(failureFromResponse(502, 'Bad Gateway', null, now).code).toBe('INTERNAL');
    expect(failureFromResponse(403, 'Forbidden', null, now).code).toBe('AUTHENTICATION');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(
      failureFromResponse(429, googleError('RESOURCE_EXHAUSTED', 429, 'q', 'QUOTA_EXCEEDED'), '7', now)
        .retryAfterMs,
    ).toBe(7_000);
  });

  it('maps firebase-admin error codes onto the same failures', () => {
    expect(failureFromFirebase('messaging/registration-token-not-registered', 'gone').code).toBe(
      'UNREGISTERED',
    );
    expect(failureFromFirebase('messaging/message-rate-exceeded', 'slow down').code).toBe('QUOTA_EXCEEDED');
    expect(failureFromFirebase('messaging/mismatched-credential', 'other project').code).toBe(
      'SENDER_ID_MISMATCH',
    );
    expect(failureFromFirebase('app/network-timeout', 'timeout').code).toBe('NETWORK');
    expect(failureFromFirebase('messaging/something-new', '?').code).toBe('UNSPECIFIED_ERROR');
  });
});

describe('classifying failures', () => {
  it('treats UNREGISTERED as a dead token', () => {
    expect(classifyFailure(failure({ code: 'UNREGISTERED' }))).toBe('token_invalid');
  });

  it('treats INVALID_ARGUMENT as a dead token only when it is about the token', () => {
    expect(
      classifyFailure(
        failure({
          code: 'INVALID_ARGUMENT',
          message: 'The registration token is not a valid FCM registration token',
        }),
      ),
    ).toBe('token_invalid');
    expect(
      classifyFailure(failure({ code: 'INVALID_ARGUMENT', message: 'bad', fields: ['message.token'] })),
    ).toBe('token_invalid');
    expect(
      classifyFailure(
        failure({ code: 'INVALID_ARGUMENT', message: 'Message is too big', fields: ['message'] }),
      ),
    ).toBe('permanent');
  });

  it('retries quota, availability, internal and network failures', () => {
    for (const code of ['QUOTA_EXCEEDED', 'UNAVAILABLE', 'INTERNAL', 'NETWORK'] as const)
      expect(classifyFailure(failure({ code }))).toBe('retryable');
  });

  it('keeps the token on our own misconfiguration (wrong sender, APNs key)', () => {
    expect(classifyFailure(failure({ code: 'SENDER_ID_MISMATCH' }))).toBe('permanent');
    expect(classifyFailure(failure({ code: 'THIRD_PARTY_AUTH_ERROR' }))).toBe('permanent');
  });
});

describe('backoff', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000, maxRetryAfterMs: 600_000 };

  it('doubles per attempt, with jitter between half and all of the ceiling', () => {
    expect(retryDelayMs(1, null, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, null, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, null, policy, half)).toBe(3_000);
  });

  it('never exceeds the cap however many attempts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const delay = retryDelayMs(attempt, null, policy, () => r);
          return delay >= 500 && delay <= policy.maxDelayMs;
        },
      ),
    );
  });

  it('waits at least Retry-After, up to its own cap', () => {
    expect(retryDelayMs(1, 30_000, policy, half)).toBe(30_000);
    expect(retryDelayMs(1, 3_600_000, policy, half)).toBe(600_000);
    expect(retryDelayMs(10, 1_000, policy, half)).toBe(45_000);
  });
});

describe('deciding a delivery', () => {
  const unavailable = {
    ok: false as const,
    failure: failure({ code: 'UNAVAILABLE', httpStatus: 503, retryAfterMs: 20_000 }),
  };

  it('given a success, marks it sent with the message name', () => {
    expect(
      decideDelivery({ ok: true, messageId: 'projects/p/messages/1' }, 1, defaultPushRetry, half),
    ).toEqual({
      status: 'sent',
      messageId: 'projects/p/messages/1',
    });
  });

  it('given a 503 with Retry-After before the last attempt, schedules a retry no sooner than asked', () => {
    const decision = decideDelivery(unavailable, 1, defaultPushRetry, half);
    expect(decision).toMatchObject({ status: 'retry', delayMs: 20_000 });
  });

  it('given a 503 on the last attempt, gives up without touching the token', () => {
    expect(decideDelivery(unavailable, defaultPushRetry.maxAttempts, defaultPushRetry, half)).toMatchObject({
      status: 'failed',
      removeToken: false,
    });
  });

  it('given UNREGISTERED, fails at once and removes the token', () => {
    const decision = decideDelivery(
      { ok: false, failure: failure({ code: 'UNREGISTERED', httpStatus: 404 }) },
      1,
      defaultPushRetry,
      half,
    );
    expect(decision).toMatchObject({ status: 'failed', removeToken: true });
  });

  it('given a payload error, fails at once and keeps the token', () => {
    const decision = decideDelivery(
      { ok: false, failure: failure({ code: 'INVALID_ARGUMENT', message: 'Message is too big' }) },
      1,
      defaultPushRetry,
      half,
    );
    expect(decision).toMatchObject({ status: 'failed', removeToken: false });
  });
});
