import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFcmSimulator } from './simulator.ts';

const simulator = await startFcmSimulator({ projectId: 'zefy-test', accessToken: 'sim-secret' });
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const rawSend = (body: unknown, token = 'sim-secret', project = 'zefy-test') =>
  fetch(`${simulator.url}/v1/projects/${project}/messages:send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the FCM simulator speaks HTTP v1', () => {
  it('accepts a valid message with the message name', async () => {
    const response = await rawSend({
      message: { token: 'device-token-1', data: { a: 'b' }, android: { priority: 'HIGH' } },
    });
    expect(response.status).toBe(200);
    expect((await response.json()) as object).toEqual({
      name: expect.stringMatching(/^projects\/zefy-test\/messages\/.+/),
    });
    expect(simulator.delivered('device-token-1')).toHaveLength(1);
  });

  it('requires the Bearer token and the right project', async () => {
    const anonymous = await rawSend({ message: { token: 'device-token-1' } }, 'wrong');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    const otherProject = await rawSend(
      { message: { token: 'device-token-1' } },
      'sim-secret',
      'someone-else',
    );
    expect(otherProject.status).toBe(403);
    expect(await otherProject.json()).toMatchObject({ error: { status: 'PERMISSION_DENIED' } });
  });

  it.each([
    ['no target', { notification: { title: 't' } }, 'message'],
    ['two targets', { token: 'device-token-1', topic: 'news' }, 'message'],
    ['a number in data', { token: 'device-token-1', data: { count: 3 } }, 'message.data[0].value'],
    ['a reserved data key', { token: 'device-token-1', data: { from: 'me' } }, 'message.data'],
    ['a malformed token', { token: 'not a token' }, 'message.token'],
    ['an unknown field', { token: 'device-token-1', colour: 'red' }, 'message'],
    [
      'a TTL over four weeks',
      { token: 'device-token-1', android: { ttl: '2419201s' } },
      'message.android.ttl',
    ],
    [
      'a web push link that is not https://',
      { token: 'device-token-1', webpush: { fcm_options: { link: 'http://zefy.example/bookings/b-1' } } },
      'message.webpush.fcm_options.link',
    ],
    [
      'a web push link that is not a string',
      { token: 'device-token-1', webpush: { fcm_options: { link: 42 } } },
      'message.webpush.fcm_options.link',
    ],
    [
      'an unknown field in webpush.fcm_options',
      { token: 'device-token-1', webpush: { fcm_options: { url: 'https://zefy.example/' } } },
      'message.webpush.fcm_options',
    ],
    [
      'a number in webpush headers',
      { token: 'device-token-1', webpush: { headers: { TTL: 60 } } },
      'message.webpush.headers[0].value',
    ],
    ['a payload over 4096 bytes', { token: 'device-token-1', data: { blob: 'x'.repeat(4100) } }, 'message'],
    ['a topic payload over 2048 bytes', { topic: 'news', data: { blob: 'x'.repeat(2100) } }, 'message'],
  ])('refuses %s with a Google INVALID_ARGUMENT body', async (_case, body, field) => {
    const response = await rawSend({ message: body });
    expect(response.status).toBe(400);
    const error = (
      (await response.json()) as { error: { status: string; details: Array<Record<string, unknown>> } }
    ).error;
    expect(error.status).toBe('INVALID_ARGUMENT');
    const violations = error.details.flatMap(
      (detail) => (detail.fieldViolations as Array<{ field: string }> | undefined) ?? [],
    );
    expect(violations.map((violation) => violation.field)).toContain(field);
  });

  it("accepts an https:// web push link by the field's proto name or its lowerCamelCase one", async () => {
    for (const webpush of [
      { notification: { tag: 'n-1' }, fcm_options: { link: 'https://zefy.example/bookings/b-1' } },
      { fcmOptions: { link: 'https://zefy.example/partner/jobs/b-1' } },
    ])
      expect((await rawSend({ message: { token: 'device-token-1', webpush } })).status).toBe(200);
    expect(simulator.delivered('device-token-1')).toHaveLength(2);
  });

  it('answers a scripted QUOTA_EXCEEDED with 429, Retry-After and a QuotaFailure, then recovers', async () => {
    simulator.script('device-token-q', { failure: 'QUOTA_EXCEEDED', times: 1, retryAfterSeconds: 12 });
    const limited = await rawSend({ message: { token: 'device-token-q' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('12');
    expect(await limited.json()).toMatchObject({
      error: {
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'QUOTA_EXCEEDED' },
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure' },
        ],
      },
    });
    expect((await rawSend({ message: { token: 'device-token-q' } })).status).toBe(200);
  });

  it('can be scripted over HTTP by another process', async () => {
    const scripted = await fetch(`${simulator.url}/__sim/tokens/device-token-h`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failure: 'UNREGISTERED' }),
    });
    expect(scripted.status).toBe(204);
    expect((await rawSend({ message: { token: 'device-token-h' } })).status).toBe(404);
    const sends = (await (await fetch(`${simulator.url}/__sim/sends`)).json()) as { items: unknown[] };
    expect(sends.items).toHaveLength(1);
  });
});
