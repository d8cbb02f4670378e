import { demoCity } from '@zefy/demo-city';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
  await platform.seedDemoCity();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const partner = demoCity.identity.partners[0] as { id: string };
const apps = [
  {
    name: 'user-web',
    base: '/',
    appName: 'Zefy',
    deepLink: '/bookings/0194d0f4-57a4-7d6e-9a7e-1f2b3c4d5e6f',
    session: null,
  },
  {
    name: 'partner-web',
    base: '/partner/',
    appName: 'Zefy Partner',
    deepLink: '/partner/schedule',
    session: { storageKey: 'zefy.partner.session', partnerId: partner.id },
  },
] as const;
type App = (typeof apps)[number];

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
}

/**
 * The app once its service worker controls the page (the second load: the first one installs it), signed
 * in where the app shows nothing without a login.
 */
async function installed(app: App): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'allow',
  });
  if (app.session) {
    const tokens = JSON.stringify(await platform.signIn('partner', app.session.partnerId));
    await context.addInitScript(
      `localStorage.setItem(${JSON.stringify(app.session.storageKey)}, ${JSON.stringify(tokens)})`,
    );
  }
  const page = await context.newPage();
  await page.goto(`${platform.baseUrl}${app.base}`);
  // evaluated in the page, where these are defined (this file is type-checked without the DOM)
  await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
  await page.reload();
  await page.waitForFunction('navigator.serviceWorker.controller !== null');
  await page.getByTestId('app-name').waitFor();
  return page;
}

describe.each(apps)('$name as an installable app', (app) => {
  it('has a manifest to add it to the home screen, with PNG and maskable icons that exist', async () => {
    const page = await installed(app);
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    const manifestUrl = new URL(href ?? '', page.url());
    const manifest = (await (await fetch(manifestUrl)).json()) as Manifest;
    expect(manifest).toMatchObject({
      name: app.appName,
      start_url: app.base,
      scope: app.base,
      display: 'standalone',
    });
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.type} ${icon.purpose}`)).toEqual(
      expect.arrayContaining([
        '192x192 image/png any',
        '512x512 image/png any',
        '512x512 image/png maskable',
      ]),
    );
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, manifestUrl));
      expect(response.status, icon.src).toBe(200);
      expect(response.headers.get('content-type')).toBe(icon.type);
    }
    const touchIcon = await page.locator('link[rel=apple-touch-icon]').getAttribute('href');
    expect((await fetch(new URL(touchIcon ?? '', page.url()))).status).toBe(200);
    await page.context().close();
  });

  it('opens offline, at any of its URLs, from the app shell, and says it is offline', async () => {
    const page = await installed(app);
    await page.context().setOffline(true);
    await page.goto(`${platform.baseUrl}${app.deepLink}`);
    await page.getByTestId('app-name').waitFor();
    expect(await page.getByTestId('offline-banner').textContent()).toContain('You are offline');
    await page.context().setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('keeps no API answer in its caches: they always come from the network', async () => {
    const page = await installed(app);
    const apiCalls: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) apiCalls.push(response.url());
    });
    await page.reload();
    await page.getByTestId('app-name').waitFor();
    await expect.poll(() => apiCalls.length).toBeGreaterThan(0);
    const cached = await page.evaluate<string[]>(`(async () => {
      const urls = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    })()`);
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.filter((pathname) => /^\/(api|ws)(\/|$)/.test(pathname))).toEqual([]);
    await page.context().close();
  });
});

it("leaves the other apps' URLs to the network: the customer app's worker does not answer /admin/", async () => {
  const page = await installed(apps[0]);
  await page.context().setOffline(true);
  await expect(page.goto(`${platform.baseUrl}/admin/`)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  await page.context().close();
});
