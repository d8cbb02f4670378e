import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { repoRoot } from '../support/process.ts';
import { type StaticSite, serveStatic } from '../support/static-server.ts';

const admin = { email: 'pages@zefy.test', password: `pw-${randomUUID()}` };
let siteDir: string;
let site: StaticSite;
let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  siteDir = await mkdtemp(path.join(tmpdir(), 'zefy-pages-'));
  // the static host first: the gateway's CORS names its origin, the build names the gateway's
  site = await serveStatic(siteDir);
  [platform, browser] = await Promise.all([
    startPlatform({
      serveWebApps: false,
      env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, CORS_ORIGINS: site.url },
    }),
    launchChromium(),
  ]);
  await platform.seedDemoCity();
  await promisify(execFile)(
    process.execPath,
    ['scripts/build-static.mjs', 'admin-web', '--api-origin', platform.baseUrl, '--out', siteDir],
    { cwd: repoRoot, timeout: 120_000 },
  );
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await site?.close();
  if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

it('runs the admin console from a static host on another origin, signed in through the gateway', async () => {
  const gateway = new URL(platform.baseUrl);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // a request the page's CSP or the gateway's CORS refused shows up here
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const apiHosts = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) apiHosts.add(url.host);
  });
  const subscribed: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => {
      const message = JSON.parse(String(frame.payload)) as { type: string; channel?: string };
      if (message.type === 'subscribed') subscribed.push(`${new URL(socket.url()).host} ${message.channel}`);
    });
  });

  // a deep link, straight from the host: its SPA fallback hands it to the app, which asks for a login
  const first = await page.goto(`${site.url}/bookings`);
  expect(first?.headers()['content-security-policy']).toContain(`connect-src 'self' ${platform.baseUrl}`);
  await page.getByRole('heading', { level: 1, name: 'Admin login' }).waitFor();
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await page.getByTestId('hub-figures-row').filter({ hasText: 'Indiranagar' }).waitFor();

  // live updates come over the gateway's WebSocket, on the admin channel
  await expect.poll(() => subscribed).toContain(`${gateway.host} admin`);
  expect([...apiHosts]).toEqual([gateway.host]);

  // a reload on the host keeps the screen and the login
  await page.goto(`${site.url}/hubs`);
  await page.getByRole('heading', { level: 1, name: 'Hubs' }).waitFor();
  await page.reload();
  await page.getByTestId('hub-row').filter({ hasText: 'Indiranagar' }).waitFor();
  expect(new URL(page.url()).origin).toBe(site.url);

  expect(errors).toEqual([]);
  await context.close();
});
