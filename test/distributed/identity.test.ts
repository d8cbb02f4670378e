import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuthTokens } from '@zefy/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { loginByOtp, randomPhone, requestCode, verifyCode } from '../support/identity.ts';
import { connectWebSocket } from '../support/ws-client.ts';

/**
 * Two gateways and two identity instances as separate processes over real PostgreSQL, RabbitMQ and Redis:
 * limits, one-time codes and sessions must hold whichever instance a request lands on. Identity runs with
 * its development SMS sink, so the codes are read from the file both instances append to in the shared
 * DATA_DIR (there is no inbox route when identity runs alone; the logs never hold a code).
 */
let cluster: Cluster;
let gateways: [string, string];
let sends = 0;

beforeAll(async () => {
  cluster = await startCluster({
    services: { identity: 2 },
    gateways: 2,
    gatewayEnv: { RATE_LIMIT_PER_MINUTE: '10000' },
  });
  gateways = cluster.gatewayUrls as [string, string];
});

afterAll(async () => {
  expect(await cluster?.stop()).toEqual([0, 0, 0, 0]);
});

/** The code identity's development sink wrote for `phone`, on whichever instance sent it. */
async function codeFromSmsFile(phone: string): Promise<string> {
  const file = path.join(cluster.dataDir, 'dev-sms.jsonl');
  for (let waited = 0; waited < 10_000; waited += 50) {
    const lines = await readFile(file, 'utf8').catch(() => '');
    const sent = lines
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { phone: string; code: string })
      .filter((sms) => sms.phone === phone)
      .at(-1);
    if (sent) return sent.code;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no development SMS to ${phone} in ${file}`);
}

async function login(phone: string, via: string): Promise<AuthTokens> {
  sends += 1;
  return loginByOtp(via, phone, 'customer', codeFromSmsFile);
}

describe('one-time codes across gateways', () => {
  it('refuses the sixth entry even with the right code, whichever gateway each entry hits', async () => {
    const phone = randomPhone();
    sends += 1;
    const challenge = await requestCode(gateways[0], phone, 'customer');
    const code = await codeFromSmsFile(phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await verifyCode(gateways[attempt % 2] as string, {
        phone,
        audience: 'customer',
        challengeId: challenge.challengeId,
        code: wrong,
      });
      expect(response.status).toBe(401);
    }
    const sixth = await verifyCode(gateways[1], {
      phone,
      audience: 'customer',
      challengeId: challenge.challengeId,
      code,
    });
    expect(sixth.status).toBe(429);
    expect(await sixth.json()).toMatchObject({ code: 'IDENTITY.OTP_ATTEMPTS_EXCEEDED' });
  });

  it('holds the resend cooldown of a phone across gateways', async () => {
    const phone = randomPhone();
    sends += 2;
    const first = await apiAt(gateways[0])('/api/v1/auth/otp', {
      method: 'POST',
      json: { phone, audience: 'customer' },
    });
    expect(first.status).toBe(202);
    const second = await apiAt(gateways[1])('/api/v1/auth/otp', {
      method: 'POST',
      json: { phone, audience: 'customer' },
    });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('sessions across gateways', () => {
  it('rotates on one gateway, detects reuse on the other and revokes the session everywhere', async () => {
    const session = await login(randomPhone(), gateways[0]);
    const [a, b] = gateways.map(apiAt) as [ReturnType<typeof apiAt>, ReturnType<typeof apiAt>];
    const rotated = await b('/api/v1/auth/refresh', {
      method: 'POST',
      json: { refreshToken: session.refreshToken },
    });
    expect(rotated.status).toBe(200);
    const next = (await rotated.json()) as AuthTokens;
    expect((await a('/api/v1/me', { token: next.accessToken })).status).toBe(200);

    const reused = await a('/api/v1/auth/refresh', {
      method: 'POST',
      json: { refreshToken: session.refreshToken },
    });
    expect(await reused.json()).toMatchObject({ code: 'IDENTITY.REFRESH_REUSED' });
    for (const api of [a, b]) {
      expect((await api('/api/v1/me', { token: next.accessToken })).status).toBe(401);
      expect(
        (await api('/api/v1/auth/refresh', { method: 'POST', json: { refreshToken: next.refreshToken } }))
          .status,
      ).toBe(401);
    }
  });

  it('logs out on one gateway and the other refuses the token and closes its WebSocket at once', async () => {
    const session = await login(randomPhone(), gateways[1]);
    const socket = await connectWebSocket(gateways[1], session.accessToken);
    const closed = new Promise<number>((resolve) => socket.raw.once('close', (code) => resolve(code)));
    const b = apiAt(gateways[1]);
    expect((await b('/api/v1/me', { token: session.accessToken })).status).toBe(200);

    const loggedOut = await apiAt(gateways[0])('/api/v1/auth/logout', {
      method: 'POST',
      token: session.accessToken,
    });
    expect(loggedOut.status).toBe(204);
    expect(await b('/api/v1/me', { token: session.accessToken }).then((response) => response.status)).toBe(
      401,
    );
    expect(await closed).toBe(4401);
  });
});

describe('send limits across gateways', () => {
  it('refuses the 21st code request from one client address in 15 minutes, alternating gateways', async () => {
    const statuses: number[] = [];
    for (let request = sends; request < 21; request++) {
      const response = await apiAt(gateways[request % 2] as string)('/api/v1/auth/otp', {
        method: 'POST',
        json: { phone: randomPhone(), audience: 'customer' },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, -1).every((status) => status === 202)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
