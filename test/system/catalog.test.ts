import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, createCategories } from '../support/api.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;

beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false });
  api = apiAt(zefy.baseUrl);
  await createCategories(zefy.baseUrl, zefy.adminToken, ['appliance-repair', 'salon']);
});
afterAll(async () => {
  await zefy?.stop();
});

const acService = {
  name: 'Split AC service',
  category: 'appliance-repair',
  description: 'Foam-jet cleaning of both units',
  includedMinutes: 60,
  basePricePaise: 59_900,
  extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 19_900 },
  taxRateBasisPoints: 1800,
  skill: 'ac-technician',
};
const create = (json: unknown) =>
  api('/api/v1/catalog/services', { method: 'POST', token: zefy.adminToken, idempotencyKey: true, json });

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = (await response.json()) as { code: string; type: string; detail: string };
  expect(problem.code).toBe(code);
  expect(problem.type).toBe(
    `https://zefy.dev/problems/${code.toLowerCase().replaceAll('_', '-').replace('.', '/')}`,
  );
  return problem;
}

describe('catalog services', () => {
  it('creates a service with its pricing terms and shows the price breakdown', async () => {
    const response = await create(acService);
    expect(response.status).toBe(201);
    const service = (await response.json()) as { id: string; price: unknown; isActive: boolean };
    expect(service).toMatchObject({ ...acService, isActive: true });
    expect(service.price).toEqual({
      basePaise: 59_900,
      extraBlocks: 0,
      extraPaise: 0,
      pretaxPaise: 59_900,
      taxRateBasisPoints: 1800,
      taxPaise: 10_782,
      totalPaise: 70_682,
    });
    const quote = await api(`/api/v1/catalog/services/${service.id}/quote?workedMinutes=101`);
    expect(await quote.json()).toMatchObject({ extraBlocks: 2, extraPaise: 39_800, totalPaise: 117_646 });
  });

  it('edits and deactivates a service; deactivated ones leave the public list but not the admin one', async () => {
    const created = (await (await create({ ...acService, name: 'Window AC service' })).json()) as {
      id: string;
    };
    const edited = await api(`/api/v1/catalog/services/${created.id}`, {
      method: 'PATCH',
      token: zefy.adminToken,
      json: { basePricePaise: 49_900, isActive: false },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ basePricePaise: 49_900, isActive: false });
    const ids = async (query: string, token?: string) =>
      (
        (await (await api(`/api/v1/catalog/services${query}`, { token })).json()) as {
          items: Array<{ id: string }>;
        }
      ).items.map((item) => item.id);
    expect(await ids('')).not.toContain(created.id);
    expect(await ids('?includeInactive=true', zefy.adminToken)).toContain(created.id);
    const customerAsks = await api('/api/v1/catalog/services?includeInactive=true', {
      token: await zefy.tokenFor('customer'),
    });
    await expectProblem(customerAsks, 403, 'AUTH.FORBIDDEN');
  });

  it('hides the services of a deactivated category', async () => {
    await createCategories(zefy.baseUrl, zefy.adminToken, ['gardening']);
    const created = (await (
      await create({ name: 'Lawn mowing', category: 'gardening', basePricePaise: 39_900 })
    ).json()) as { id: string };
    await api('/api/v1/catalog/categories/gardening', {
      method: 'PATCH',
      token: zefy.adminToken,
      json: { isActive: false },
    });
    const list = (await (await api('/api/v1/catalog/services')).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((item) => item.id)).not.toContain(created.id);
    const categories = (await (await api('/api/v1/catalog/categories')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(categories.items.map((category) => category.id)).not.toContain('gardening');
  });

  it('refuses a price of -1 with CATALOG.PRICE_OUT_OF_RANGE', async () => {
    const problem = await expectProblem(
      await create({ ...acService, name: 'Cheap AC', basePricePaise: -1 }),
      422,
      'CATALOG.PRICE_OUT_OF_RANGE',
    );
    expect(problem.detail).toContain('body.basePricePaise');
  });

  it('refuses a zero-minute extra block with CATALOG.PRICING_RULE_INVALID', async () => {
    await expectProblem(
      await create({
        ...acService,
        name: 'Odd AC',
        extraCharge: { ...acService.extraCharge, blockMinutes: 0 },
      }),
      422,
      'CATALOG.PRICING_RULE_INVALID',
    );
  });

  it('answers an unknown service id with CATALOG.SERVICE_NOT_FOUND', async () => {
    const unknown = '0190a6e4-0000-7000-8000-000000000000';
    await expectProblem(await api(`/api/v1/catalog/services/${unknown}`), 404, 'CATALOG.SERVICE_NOT_FOUND');
    await expectProblem(
      await api(`/api/v1/catalog/services/${unknown}`, {
        method: 'PATCH',
        token: zefy.adminToken,
        json: { basePricePaise: 100 },
      }),
      404,
      'CATALOG.SERVICE_NOT_FOUND',
    );
  });

  it('refuses a service in a category that does not exist, and a duplicate category', async () => {
    await expectProblem(
      await create({ ...acService, name: 'Painting', category: 'painting' }),
      422,
      'CATALOG.CATEGORY_UNKNOWN',
    );
    const again = await api('/api/v1/catalog/categories', {
      method: 'POST',
      token: zefy.adminToken,
      idempotencyKey: true,
      json: { id: 'salon', name: 'Salon' },
    });
    await expectProblem(again, 409, 'CATALOG.CATEGORY_TAKEN');
  });

  it('only lets admins change the catalog', async () => {
    const customer = await api('/api/v1/catalog/categories', {
      method: 'POST',
      token: await zefy.tokenFor('customer'),
      idempotencyKey: true,
      json: { id: 'spa', name: 'Spa' },
    });
    await expectProblem(customer, 403, 'AUTH.FORBIDDEN');
  });
});
