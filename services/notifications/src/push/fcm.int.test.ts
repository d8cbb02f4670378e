import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFirebaseSender } from './fcm.firebase-sender.ts';
import { createFcmRestSender } from './fcm.rest-sender.ts';
import { type FcmSimulator, startFcmSimulator } from './fcm.simulator.ts';
import { classifyFailure, type PushMessage, type PushResult, type PushSender } from './push.ts';

let simulator: FcmSimulator;
beforeAll(async () => {
  simulator = await startFcmSimulator({ projectId: 'zefy-test', accessToken: 'sim-secret' });
});
afterAll(async () => {
  await simulator?.close();
});
beforeEach(() => simulator.reset());

const message = (token: string): PushMessage => ({
  token,
  title: 'Booking confirmed',
  body: 'We are finding a partner',
  data: { bookingId: 'b-1', notificationId: 'n-1' },
  collapseId: 'n-1',
});

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

/** Routes firebase-admin's HTTPS requests for fcm.googleapis.com to the simulator, in clear text. */
class ToSimulator extends https.Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }
  override createConnection(): net.Socket {
    return net.connect(this.port, '127.0.0.1');
  }
}

const adapters: Array<{ name: string; create: () => PushSender }> = [
  {
    name: 'our REST client',
    create: () =>
      createFcmRestSender({
        baseUrl: simulator.url,
        projectId: 'zefy-test',
        accessToken: async () => 'sim-secret',
      }),
  },
  {
    name: 'firebase-admin',
    create: () =>
      createFirebaseSender({
        projectId: 'zefy-test',
        httpAgent: new ToSimulator(Number(new URL(simulator.url).port)),
        credential: { getAccessToken: async () => ({ access_token: 'sim-secret', expires_in: 3600 }) },
      }),
  },
];

describe.each(adapters)('$name against the simulator', ({ create }) => {
  let sender: PushSender;
  beforeAll(() => {
    sender = create();
  });
  afterAll(async () => {
    await sender?.close();
  });

  const failureOf = (result: PushResult | undefined) => {
    if (!result || result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
    return result.failure;
  };

  it('sends each message and returns the message names in input order', async () => {
    const results = await sender.sendEach([message('device-token-a'), message('device-token-b')]);
    expect(results).toEqual([
      { ok: true, messageId: expect.stringMatching(/^projects\/zefy-test\/messages\//) },
      { ok: true, messageId: expect.stringMatching(/^projects\/zefy-test\/messages\//) },
    ]);
    const [sent] = simulator.delivered('device-token-a');
    expect(sent?.message).toMatchObject({
      notification: { title: 'Booking confirmed', body: 'We are finding a partner' },
      data: { bookingId: 'b-1', notificationId: 'n-1' },
      apns: { headers: { 'apns-collapse-id': 'n-1' } },
    });
  });

  it('reports UNREGISTERED and an invalid token as dead tokens, the rest by kind', async () => {
    simulator.script('device-token-gone', { failure: 'UNREGISTERED' });
    simulator.script('device-token-bad', { failure: 'INVALID_ARGUMENT' });
    simulator.script('device-token-busy', { failure: 'QUOTA_EXCEEDED' });
    simulator.script('device-token-other', { failure: 'SENDER_ID_MISMATCH' });
    const [gone, bad, busy, other, fine] = await sender.sendEach(
      [
        'device-token-gone',
        'device-token-bad',
        'device-token-busy',
        'device-token-other',
        'device-token-ok',
      ].map(message),
    );
    expect(failureOf(gone).code).toBe('UNREGISTERED');
    expect(classifyFailure(failureOf(gone))).toBe('token_invalid');
    expect(classifyFailure(failureOf(bad))).toBe('token_invalid');
    expect(failureOf(busy).code).toBe('QUOTA_EXCEEDED');
    expect(classifyFailure(failureOf(busy))).toBe('retryable');
    expect(classifyFailure(failureOf(other))).toBe('permanent');
    expect(fine?.ok).toBe(true);
  });
});

describe('our REST client', () => {
  it('carries Retry-After and the HTTP status into the failure', async () => {
    simulator.script('device-token-slow', { failure: 'UNAVAILABLE', retryAfterSeconds: 30 });
    const sender = createFcmRestSender({
      baseUrl: simulator.url,
      projectId: 'zefy-test',
      accessToken: async () => 'sim-secret',
    });
    const [result] = await sender.sendEach([message('device-token-slow')]);
    expect(result).toMatchObject({
      ok: false,
      failure: { code: 'UNAVAILABLE', httpStatus: 503, retryAfterMs: 30_000 },
    });
  });

  it('reports an unreachable endpoint as a retryable network failure', async () => {
    const closed = await startFcmSimulator();
    await closed.close();
    const sender = createFcmRestSender({
      baseUrl: closed.url,
      projectId: 'zefy-local',
      accessToken: async () => 't',
    });
    const [result] = await sender.sendEach([message('device-token-a')]);
    expect(result).toMatchObject({ ok: false, failure: { code: 'NETWORK' } });
  });
});
