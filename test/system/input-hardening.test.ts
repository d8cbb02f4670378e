import { randomUUID } from 'node:crypto';
import type { CatalogService } from '@zefy/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, createCategories } from '../support/api.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { sendRaw } from '../support/raw-http.ts';

/** The inputs that answered 500 (or were silently coerced) when the platform was probed from outside. */
let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;
let service: CatalogService;

const acService = { name: 'AC service', category: 'appliance-repair', basePricePaise: 49_900 };

beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  api = apiAt(zefy.baseUrl);
  await createCategories(zefy.baseUrl, zefy.adminToken, ['appliance-repair']);
  const created = await api('/api/v1/catalog/services', {
    method: 'POST',
    token: zefy.adminToken,
    idempotencyKey: true,
    json: acService,
  });
  service = (await created.json()) as CatalogService;
});
afterAll(async () => {
  await zefy?.stop();
});

async function expectProblem(response: Response, status: number): Promise<{ code: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  return (await response.json()) as { code: string };
}

describe('text with NUL or an unpaired surrogate', () => {
  it('is a 400 on a public route, an address and a catalog name, and nothing is stored', async () => {
    const login = await api('/api/v1/auth/password', {
      method: 'POST',
      json: { email: 'a\u0000b@x.io', password: 'xxxxxxxx' },
    });
    expect(await expectProblem(login, 400)).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED' });

    const customer = await zefy.tokenFor('customer');
    for (const label of ['Home \ud800', 'Ho\u0000me']) {
      const address = await api('/api/v1/locations/addresses', {
        method: 'POST',
        token: customer,
        idempotencyKey: true,
        json: { label, line1: '12 MG Road', lat: 12.97, lng: 77.6 },
      });
      await expectProblem(address, 400);
    }
    const saved = (await (await api('/api/v1/locations/addresses', { token: customer })).json()) as {
      items: unknown[];
    };
    expect(saved.items).toEqual([]);

    const named = await api('/api/v1/catalog/services', {
      method: 'POST',
      token: zefy.adminToken,
      idempotencyKey: true,
      json: { ...acService, name: 'Deep clean \ud800' },
    });
    await expectProblem(named, 400);
    await expectProblem(await api(`/api/v1/catalog/services/${service.id}%00`), 400);
  });
});

describe('JSON bodies', () => {
  it.each([
    ['null', null],
    ['true', true],
    ['[4990]', [4990]],
  ])('refuse %s as a price instead of coercing it', async (_case, basePricePaise) => {
    const response = await api('/api/v1/catalog/services', {
      method: 'POST',
      token: zefy.adminToken,
      idempotencyKey: true,
      json: { ...acService, name: `Coerced ${randomUUID().slice(0, 8)}`, basePricePaise },
    });
    await expectProblem(response, 400);
    const listed = (await (await api('/api/v1/catalog/services')).json()) as { items: CatalogService[] };
    expect(listed.items.map((item) => item.name)).toEqual([acService.name]);
  });
});

describe('deeply nested JSON', () => {
  it('a hundred thousand levels sent raw to idempotent writes is a 400 problem, not a stack overflow', async () => {
    const depth = 100_000;
    const customer = await zefy.tokenFor('customer');
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    for (const [target, token, body] of [
      ['/api/v1/locations/addresses', customer, nested],
      ['/api/v1/catalog/services', zefy.adminToken, `{"name":${nested}}`],
    ] as const) {
      const response = await sendRaw(zefy.baseUrl, {
        method: 'POST',
        target,
        headers: [
          ['authorization', `Bearer ${token}`],
          ['idempotency-key', randomUUID()],
          ['content-type', 'application/json'],
        ],
        body: Buffer.from(body),
      });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body)).toMatchObject({
        type: 'https://zefy.dev/problems/request/nested-too-deep',
        code: 'REQUEST.NESTED_TOO_DEEP',
      });
    }
    const saved = (await (await api('/api/v1/locations/addresses', { token: customer })).json()) as {
      items: unknown[];
    };
    expect(saved.items).toEqual([]);
  });
});

describe('non-finite numbers', () => {
  it.each(['Infinity', '-Infinity', '1e400'])('%s in a query string is a 400', async (value) => {
    await expectProblem(
      await api(`/api/v1/catalog/services/${service.id}/quote?workedMinutes=${value}`),
      400,
    );
    const customer = await zefy.tokenFor('customer');
    await expectProblem(await api(`/api/v1/me/notifications?limit=${value}`, { token: customer }), 400);
    await expectProblem(await api(`/api/v1/admin/audit?limit=${value}`, { token: zefy.adminToken }), 400);
  });
});

describe('errors the framework answers itself', () => {
  it('an over-long path id is a 414 problem with the security headers', async () => {
    const response = await api(`/api/v1/catalog/services/${'a'.repeat(500)}`);
    expect(await expectProblem(response, 414)).toMatchObject({ code: 'REQUEST.URI_TOO_LONG' });
  });

  it('a path that is not valid percent-encoding is a 400 problem', async () => {
    expect(await expectProblem(await api('/api/v1/catalog/services/%E0%A4%A'), 400)).toMatchObject({
      code: 'REQUEST.MALFORMED',
    });
  });
});
