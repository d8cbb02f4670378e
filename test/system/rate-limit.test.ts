import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let zefy: TestPlatform;
let behindProxy: TestPlatform;
beforeAll(async () => {
  [zefy, behindProxy] = await Promise.all([
    startPlatform({ serveWebApps: false, env: { RATE_LIMIT_PER_MINUTE: '5' } }),
    startPlatform({ serveWebApps: false, env: { RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'loopback' } }),
  ]);
}, 180_000); // two whole platforms, each declaring its queues on RabbitMQ when run against it
afterAll(async () => {
  await Promise.all([zefy?.stop(), behindProxy?.stop()]);
});

const listServices = (platform: TestPlatform, forwardedFor?: string) =>
  fetch(`${platform.baseUrl}/api/v1/catalog/services`, {
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

async function statusesOf(requests: number, send: () => Promise<Response>) {
  const statuses: number[] = [];
  for (let i = 0; i < requests; i++) statuses.push((await send()).status);
  return statuses;
}

it('limits requests per client and answers 429 problem+json with a retry hint', async () => {
  expect(await statusesOf(5, () => listServices(zefy))).toEqual([200, 200, 200, 200, 200]);
  const last = await listServices(zefy);
  expect(last.status).toBe(429);
  expect(last.headers.get('content-type')).toContain('application/problem+json');
  expect(last.headers.get('retry-after')).toBeTruthy();
  expect(await last.json()).toMatchObject({ code: 'REQUEST.RATE_LIMITED', status: 429 });
  expect((await fetch(`${zefy.baseUrl}/healthz`)).status).toBe(200);
});

describe('client addresses', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY names the peer: a client cannot escape its limit', async () => {
    await statusesOf(5, () => listServices(zefy));
    expect((await listServices(zefy, '203.0.113.7')).status).toBe(429);
  });

  it('counts each client behind a trusted proxy on its own', async () => {
    expect(await statusesOf(6, () => listServices(behindProxy, '203.0.113.7'))).toEqual([
      200, 200, 200, 200, 200, 429,
    ]);
    expect(await statusesOf(5, () => listServices(behindProxy, '198.51.100.9'))).toEqual([
      200, 200, 200, 200, 200,
    ]);
  });
});
