import https from 'node:https';
import net from 'node:net';
import { type FcmSimulator, startFcmSimulator } from '@zefy/stand-ins/fcm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFirebaseSender } from './fcm.firebase-sender.ts';
import { createFcmRestSender } from './fcm.rest-sender.ts';
import { classifyFailure, type PushMessage, type PushResult, type PushSender } from './push.ts';

let simulator: FcmSimulator;
beforeAll(async () => {
  simulator = await startFcmSimulator({ projectId: 'zefy-test', accessToken: 'sim-secret' });
});
afterAll(() => simulator?.close());
beforeEach(() => simulator.reset());

const message = (token: string): PushMessage => ({
  token,
  title: 'Booking confirmed',
  body: 'We are finding a partner',
  data: { bookingId: 'b-1', notificationId: 'n-1' },
  collapseId: 'n-1',
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

const adapters: Array<{ name: string; create: () => PushSender | Promise<PushSender> }> = [
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
  beforeAll(async () => {
    sender = await create();
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

  it('sends the link a tap opens as webpush.fcm_options.link', async () => {
    const link = 'https://zefy.example/bookings/b-1';
    const [result] = await sender.sendEach([{ ...message('device-token-linked'), link }]);
    expect(result?.ok).toBe(true);
    const [sent] = simulator.delivered('device-token-linked');
    expect(sent?.message).toMatchObject({ webpush: { notification: { tag: 'n-1' }, fcm_options: { link } } });
  });

  it('sends a silent push as data only, a background push for APNs', async () => {
    const [result] = await sender.sendEach([
      {
        token: 'device-token-asleep',
        data: { kind: 'wake', bookingId: 'b-1' },
        collapseId: 'wake:b-1',
        isSilent: true,
      },
    ]);
    expect(result?.ok).toBe(true);
    const [sent] = simulator.delivered('device-token-asleep');
    expect(sent?.message).not.toHaveProperty('notification');
    expect(sent?.message).toMatchObject({
      data: { kind: 'wake', bookingId: 'b-1' },
      android: { priority: 'high' },
      apns: {
        headers: { 'apns-priority': '5', 'apns-push-type': 'background' },
        payload: { aps: { 'content-available': 1 } },
      },
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
