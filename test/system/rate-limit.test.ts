import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let zefy: TestPlatform;
beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false, env: { RATE_LIMIT_PER_MINUTE: '5' } });
});
afterAll(async () => {
  await zefy?.stop();
});

it('limits requests per client and answers 429 problem+json with a retry hint', async () => {
  const statuses: number[] = [];
  let last: Response | undefined;
  for (let i = 0; i < 7; i++) {
    last = await fetch(`${zefy.baseUrl}/api/v1/catalog/services`);
    statuses.push(last.status);
  }
  expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  expect(statuses.slice(5)).toEqual([429, 429]);
  expect(last?.headers.get('content-type')).toContain('application/problem+json');
  expect(last?.headers.get('retry-after')).toBeTruthy();
  expect(await last?.json()).toMatchObject({ code: 'REQUEST.RATE_LIMITED', status: 429 });
  expect((await fetch(`${zefy.baseUrl}/healthz`)).status).toBe(200);
});
