import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AuthTokens } from '@zefy/contracts';
import { seedIdentity } from '@zefy/identity';
import type { ServiceContext } from '@zefy/platform';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategories } from '../support/api.ts';
import { launchChromium } from '../support/chromium.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');

// customers see the price with 18% GST (the default rate), partners and admins the base price
const services = [
  {
    name: 'Deep home cleaning',
    category: 'cleaning',
    basePricePaise: 49900,
    price: '₹499.00',
    total: '₹588.82',
  },
  {
    name: 'Kitchen cleaning',
    category: 'cleaning',
    basePricePaise: 29900,
    price: '₹299.00',
    total: '₹352.82',
  },
  {
    name: 'AC service',
    category: 'appliance-repair',
    basePricePaise: 59900,
    price: '₹599.00',
    total: '₹706.82',
  },
  {
    name: 'Full home painting',
    category: 'painting',
    basePricePaise: 2499900,
    price: '₹24,999.00',
    total: '₹29,498.82',
  },
];

/** Each app keeps its login under its own key; user-web shows the catalog without one. */
const apps = [
  {
    name: 'user-web',
    storageKey: null,
    path: '/',
    title: 'Zefy',
    heading: 'Book a service',
    empty: 'No services yet',
    viewport: { width: 390, height: 844 },
  },
  {
    name: 'partner-web',
    storageKey: 'zefy.partner.session',
    path: '/partner/services',
    title: 'Zefy Partner',
    heading: 'Your services',
    empty: 'You have no services yet. Zefy’s partner team adds the ones you are trained for.',
    viewport: { width: 390, height: 844 },
  },
  {
    name: 'admin-web',
    storageKey: 'zefy.admin.session',
    path: '/admin/services',
    title: 'Zefy Admin',
    heading: 'Services',
    empty: 'No services yet',
    viewport: { width: 1280, height: 800 },
  },
] as const;
type App = (typeof apps)[number];

let platform: TestPlatform;
let browser: Browser;
const sessions: Record<string, AuthTokens> = {};

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform(),
    launchChromium(),
    mkdir(screenshotDir, { recursive: true }),
  ]);
  await createCategories(platform.baseUrl, platform.adminToken, ['cleaning', 'appliance-repair', 'painting']);
  const serviceIds: string[] = [];
  for (const { name, category, basePricePaise } of services) {
    const response = await fetch(`${platform.baseUrl}/api/v1/catalog/services`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${platform.adminToken}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name, category, basePricePaise }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    serviceIds.push(((await response.json()) as { id: string }).id);
  }
  const partnerId = randomUUID();
  const identity = platform.platform.services.find((service) => service.module.name === 'identity');
  await seedIdentity(identity?.context as ServiceContext, {
    partners: [
      {
        id: partnerId,
        name: 'Ravi',
        phone: '+919812345670',
        // the partner app lists a partner's own services only: these four
        skills: serviceIds,
        hubId: randomUUID(),
        status: 'approved',
      },
    ],
  });
  sessions['zefy.partner.session'] = await platform.signIn('partner', partnerId);
  sessions['zefy.admin.session'] = await platform.signIn('admin');
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** Opens an app in a fresh context, signed in where the app needs it, recording console errors. */
async function openApp(app: App): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: app.viewport });
  if (app.storageKey) {
    // the login screens themselves are exercised in identity.test.ts; here the session is handed over
    await context.addInitScript(
      `localStorage.getItem(${JSON.stringify(app.storageKey)}) ?? localStorage.setItem(${JSON.stringify(app.storageKey)}, ${JSON.stringify(JSON.stringify(sessions[app.storageKey]))})`,
    );
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

describe.each(apps)('$name', (app) => {
  it('lists the catalog with formatted prices and no console errors', async () => {
    const { page, errors } = await openApp(app);
    await page.goto(`${platform.baseUrl}${app.path}`);
    await page.getByRole('heading', { level: 1, name: app.heading }).waitFor();
    // each screen names itself in the tab (and the history), then the app
    expect(await page.title()).toBe(`${app.heading} · ${app.title}`);

    for (const service of services) {
      const row = page.getByTestId('service-row').filter({ hasText: service.name });
      await row.waitFor();
      expect(await row.textContent()).toContain(app.name === 'user-web' ? service.total : service.price);
    }
    if (app.name === 'admin-web') {
      const rowCount = await page.getByTestId('service-row').count();
      expect(await page.getByTestId('service-count').textContent()).toBe(`${rowCount} services`);
    }

    await page.screenshot({ path: path.join(screenshotDir, `${app.name}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the problem detail when the catalog fails', async () => {
    const { page } = await openApp(app);
    await page.route(/\/api\/v1\/catalog\/services(\?.*)?$/, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'https://zefy.dev/problems/upstream/unavailable',
          title: 'A service is unavailable',
          status: 503,
          detail: 'catalog did not answer in time',
          code: 'UPSTREAM.UNAVAILABLE',
        }),
      }),
    );
    await page.goto(`${platform.baseUrl}${app.path}`);
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('catalog did not answer in time');
    await page.context().close();
  });

  it('says so when there are no services', async () => {
    const { page } = await openApp(app);
    await page.route(/\/api\/v1\/catalog\/services(\?.*)?$/, (route) =>
      route.fulfill({ json: { items: [] } }),
    );
    await page.goto(`${platform.baseUrl}${app.path}`);
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    expect(await empty.textContent()).toBe(app.empty);
    await page.context().close();
  });
});
