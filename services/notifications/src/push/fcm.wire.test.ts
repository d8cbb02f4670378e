import { describe, expect, it } from 'vitest';
import { failureFromFirebase, failureFromResponse, parseRetryAfter, toWireMessage } from './fcm.wire.ts';

const now = new Date('2026-11-24T10:00:00.000Z');
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

describe('writing the HTTP v1 message', () => {
  const shown = {
    token: 'device-token-1',
    title: 'Your partner is assigned',
    body: 'Asha will do your Deep cleaning.',
    data: { bookingId: 'b-1' },
    collapseId: 'n-1',
  };

  it("puts the link a tap opens in webpush.fcm_options, the wire's own spelling", () => {
    expect(toWireMessage({ ...shown, link: 'https://zefy.example/bookings/b-1' }).webpush).toEqual({
      notification: { tag: 'n-1' },
      fcm_options: { link: 'https://zefy.example/bookings/b-1' },
    });
  });

  it('sends no fcm_options without a link, and none with a silent push', () => {
    expect(toWireMessage(shown).webpush).toEqual({ notification: { tag: 'n-1' } });
    expect(
      toWireMessage({
        token: 'device-token-1',
        data: { kind: 'wake' },
        collapseId: 'wake:b-1',
        isSilent: true,
      }).webpush,
    ).toEqual({ headers: { Urgency: 'high' } });
  });
});
