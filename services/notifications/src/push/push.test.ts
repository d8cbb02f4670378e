import { given } from '@zefy/platform/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyFailure,
  type DeliveryEvent,
  defaultPushRetry,
  type PushFailure,
  pushDelivery,
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
    expect(retryDelayMs(1, null, policy, 0)).toBe(500);
    expect(retryDelayMs(1, null, policy, 1)).toBe(1_000);
    expect(retryDelayMs(3, null, policy, 0.5)).toBe(3_000);
  });

  it('never exceeds the cap however many attempts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const delay = retryDelayMs(attempt, null, policy, r);
          return delay >= 500 && delay <= policy.maxDelayMs;
        },
      ),
    );
  });

  it('waits at least Retry-After, up to its own cap', () => {
    expect(retryDelayMs(1, 30_000, policy, 0.5)).toBe(30_000);
    expect(retryDelayMs(1, 3_600_000, policy, 0.5)).toBe(600_000);
    expect(retryDelayMs(10, 1_000, policy, 0.5)).toBe(45_000);
  });
});

describe('a delivery', () => {
  const delivery = pushDelivery(defaultPushRetry);
  const system = { actor: { kind: 'system' as const, id: 'notifications' }, now };
  const answered = (pushFailure: PushFailure) => ({
    type: 'RecordSend' as const,
    result: { ok: false as const, failure: pushFailure },
    jitter: 0.5,
  });
  const unavailable = failure({
    code: 'UNAVAILABLE',
    httpStatus: 503,
    retryAfterMs: 20_000,
    message: 'busy',
  });
  const retried: DeliveryEvent = {
    type: 'PushRetryScheduled',
    delayMs: 20_000,
    error: 'UNAVAILABLE (503): busy',
  };

  it('given a success, is sent with the message name', () => {
    given(delivery)
      .when(
        { type: 'RecordSend', result: { ok: true, messageId: 'projects/p/messages/1' }, jitter: 0.5 },
        system,
      )
      .thenEmits({ type: 'PushSent', messageId: 'projects/p/messages/1' });
  });

  it('given a 503 with Retry-After before the last attempt, schedules a retry no sooner than asked', () => {
    const state = given(delivery).when(answered(unavailable), system).thenEmits(retried);
    expect(state).toEqual({ status: 'pending', attempt: 2 });
  });

  it('given a 503 on the last attempt, gives up without touching the token', () => {
    const history = Array.from({ length: defaultPushRetry.maxAttempts - 1 }, () => retried);
    const onLastAttempt = given(delivery, ...history);
    expect(onLastAttempt.state).toEqual({ status: 'pending', attempt: defaultPushRetry.maxAttempts });
    onLastAttempt
      .when(answered(unavailable), system)
      .thenEmits({ type: 'PushFailed', error: 'UNAVAILABLE (503): busy', tokenRejected: false });
  });

  it('given UNREGISTERED, fails at once and rejects the token', () => {
    given(delivery)
      .when(answered(failure({ code: 'UNREGISTERED', httpStatus: 404, message: 'gone' })), system)
      .thenEmits({ type: 'PushFailed', error: 'UNREGISTERED (404): gone', tokenRejected: true });
  });

  it('given a payload error, fails at once and keeps the token', () => {
    given(delivery)
      .when(answered(failure({ code: 'INVALID_ARGUMENT', message: 'Message is too big' })), system)
      .thenEmits({ type: 'PushFailed', error: 'INVALID_ARGUMENT: Message is too big', tokenRejected: false });
  });

  it('is skipped when its device was removed or it expired after it was queued', () => {
    const state = given(delivery)
      .when({ type: 'Skip', reason: 'expired' }, system)
      .thenEmits({ type: 'PushSkipped', reason: 'expired' });
    expect(state).toEqual({ status: 'skipped' });
  });

  it('ignores an outcome that arrives after it finished', () => {
    given(delivery, { type: 'PushSent', messageId: 'projects/p/messages/1' })
      .when(answered(unavailable), system)
      .thenEmits();
  });
});
