import { randomUUID } from 'node:crypto';
import type { BookingReceipt, BookingView, Hub } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { holdFor } from '../support/booking.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;
let hold: BookingView;
let customerToken: string;

beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false, env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  api = apiAt(zefy.baseUrl);
  const customerId = randomUUID();
  hold = await holdFor(zefy, { role: 'customer', id: customerId });
  customerToken = await zefy.tokenFor('customer', customerId);
});
afterAll(async () => {
  await zefy?.stop();
});

const registration = {
  legalName: 'Zefy Home Services Private Limited',
  gstin: '29AAGCB7383J1Z4',
  registeredAddress: '5th floor, 80 Feet Road, Koramangala\nBengaluru, Karnataka 560034',
};

async function receipt(): Promise<BookingReceipt> {
  const response = await api(`/api/v1/bookings/${hold.id}/receipt`, { token: customerToken });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as BookingReceipt;
}

const editHub = (json: unknown) =>
  api(`/api/v1/locations/hubs/${hold.hubId}`, { method: 'PATCH', token: zefy.adminToken, json });

async function hub(): Promise<Hub> {
  const response = await api(`/api/v1/locations/hubs/${hold.hubId}`, { token: zefy.adminToken });
  return (await response.json()) as Hub;
}

async function expectProblem(response: Response, code: string) {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = (await response.json()) as { code: string; type: string };
  expect(problem.code).toBe(code);
  return problem;
}

describe("the receipt's issuer", () => {
  it("is the demo hub's GST registration, with the tax line in the price", async () => {
    const seeded = demoCity.locations.hubs.find((candidate) => candidate.id === hold.hubId);
    const shown = await eventually(async () => {
      const current = await receipt();
      expect(current.issuer).not.toBeNull();
      return current;
    });
    expect(shown.issuer).toEqual({
      legalName: seeded?.taxIdentity.legalName,
      gstin: seeded?.taxIdentity.gstin,
      address: seeded?.taxIdentity.registeredAddress,
    });
    expect(shown.issuer?.gstin).toMatch(/^29/);
    expect(shown.booking.price).toMatchObject({ taxRateBasisPoints: 1800 });
    expect(shown.booking.price.taxPaise).toBeGreaterThan(0);
  });

  it('is none once an admin clears the hub’s registration: the receipt says so, inventing nothing', async () => {
    const cleared = await editHub({ taxIdentity: null });
    expect(cleared.status, await cleared.clone().text()).toBe(200);
    expect(((await cleared.json()) as Hub).taxIdentity).toBeNull();
    await eventually(async () => expect((await receipt()).issuer).toBeNull());
  });

  it('follows the registration an admin sets, through locations’ events', async () => {
    const set = await editHub({ taxIdentity: { ...registration, gstin: '29aagcb7383j1z4' } });
    expect(set.status, await set.clone().text()).toBe(200);
    expect(((await set.json()) as Hub).taxIdentity).toEqual(registration);
    await eventually(async () =>
      expect((await receipt()).issuer).toEqual({
        legalName: registration.legalName,
        gstin: registration.gstin,
        address: registration.registeredAddress,
      }),
    );
  });

  it('refuses a GSTIN that is not one with a 400 problem, and stores nothing', async () => {
    const wrongCheck = await expectProblem(
      await editHub({ taxIdentity: { ...registration, gstin: '29AAGCB7383J1Z5' } }),
      'LOCATIONS.GSTIN_INVALID',
    );
    expect(wrongCheck.type).toBe('https://zefy.dev/problems/locations/gstin-invalid');
    await expectProblem(
      await editHub({ taxIdentity: { ...registration, gstin: '99AAGCB7383J1Z4' } }),
      'LOCATIONS.GSTIN_INVALID',
    );
    await expectProblem(
      await editHub({ taxIdentity: { ...registration, gstin: '29AAGCB7383J1Z\u0000' } }),
      'REQUEST.VALIDATION_FAILED',
    );
    await expectProblem(
      await editHub({ taxIdentity: { ...registration, gstin: registration.gstin.repeat(10_000) } }),
      'REQUEST.VALIDATION_FAILED',
    );
    await expectProblem(
      await editHub({ taxIdentity: { ...registration, legalName: 'x'.repeat(121) } }),
      'REQUEST.VALIDATION_FAILED',
    );
    await expectProblem(
      await editHub({ taxIdentity: { gstin: registration.gstin } }),
      'REQUEST.VALIDATION_FAILED',
    );
    const created = await api('/api/v1/locations/hubs', {
      method: 'POST',
      token: zefy.adminToken,
      idempotencyKey: true,
      json: {
        name: 'Nowhere',
        city: 'Bengaluru',
        timezone: 'Asia/Kolkata',
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [76.0, 11.0],
              [76.01, 11.0],
              [76.01, 11.01],
              [76.0, 11.01],
              [76.0, 11.0],
            ],
          ],
        },
        taxIdentity: { ...registration, gstin: '29AAGCB7383J0Z4' },
      },
    });
    await expectProblem(created, 'LOCATIONS.GSTIN_INVALID');
    expect((await hub()).taxIdentity).toEqual(registration);
  });

  it('lets no one but an admin change a hub', async () => {
    const response = await api(`/api/v1/locations/hubs/${hold.hubId}`, {
      method: 'PATCH',
      token: customerToken,
      json: { taxIdentity: null },
    });
    expect(response.status).toBe(403);
    expect((await hub()).taxIdentity).toEqual(registration);
  });
});
