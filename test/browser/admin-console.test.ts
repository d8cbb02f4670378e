import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { demoCity } from '@zefy/demo-city';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform(),
    launchChromium(),
    mkdir(screenshotDir, { recursive: true }),
  ]);
  await platform.seedDemoCity();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** The console signed in as an admin (the login screen is exercised in identity.test.ts); map tiles are refused (offline). */
async function openConsole(hash: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const session = JSON.stringify(await platform.signIn('admin'));
  await context.addInitScript(`localStorage.setItem('zefy.admin.session', ${JSON.stringify(session)})`);
  await context.route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${platform.baseUrl}/admin/${hash}`);
  return { page, errors };
}

describe('admin console', () => {
  it('draws a hub by clicking on the map, and refuses a self-intersecting outline pasted as GeoJSON', async () => {
    const { page, errors } = await openConsole('#/hubs');
    await page.getByRole('heading', { level: 1, name: 'Hubs' }).waitFor();
    await page.getByTestId('hub-row').filter({ hasText: 'Indiranagar' }).waitFor();
    expect(await page.getByTestId('hub-row').count()).toBe(demoCity.locations.hubs.length);

    const map = page.getByTestId('outline-map');
    for (const [x, y] of [
      [100, 100],
      [300, 110],
      [320, 300],
      [90, 280],
    ] as const)
      await map.click({ position: { x, y } });
    const check = page.getByTestId('outline-check');
    expect(await check.textContent()).toBe('Outline OK: 4 vertices');

    // drag the third vertex somewhere else: the outline (and its GeoJSON) follows
    const geoJson = page.locator('textarea[name=geojson]');
    const before = await geoJson.inputValue();
    const vertex = await page.locator('.zf-vertex').nth(2).boundingBox();
    if (!vertex) throw new Error('no vertex on the map');
    await page.mouse.move(vertex.x + vertex.width / 2, vertex.y + vertex.height / 2);
    await page.mouse.down();
    await page.mouse.move(vertex.x + 60, vertex.y + 40, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => geoJson.inputValue(), { timeout: 10_000 }).not.toBe(before);
    const moved = JSON.parse(await geoJson.inputValue()) as { coordinates: number[][][] };
    const original = JSON.parse(before) as { coordinates: number[][][] };
    expect(moved.coordinates[0]?.[2]).not.toEqual(original.coordinates[0]?.[2]);
    expect(moved.coordinates[0]?.[0]).toEqual(original.coordinates[0]?.[0]);
    expect(await check.textContent()).toBe('Outline OK: 4 vertices');
    await page.locator('input[name=name]').fill('Test Nagar');
    await page.getByRole('button', { name: 'Create hub' }).click();
    await page.getByTestId('hub-row').filter({ hasText: 'Test Nagar' }).waitFor();
    await page.getByTestId('hub-editor').getByText('Edit Test Nagar').waitFor();

    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [77.6, 12.9],
          [77.7, 13.0],
          [77.7, 12.9],
          [77.6, 13.0],
          [77.6, 12.9],
        ],
      ],
    };
    await page.locator('textarea[name=geojson]').fill(JSON.stringify(bowTie));
    expect(await check.textContent()).toMatch(/^Outline not valid yet: edge \d+ .* meets edge \d+/);
    expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, 'admin-web-hubs.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('edits a service price and shows what the customer pays', async () => {
    const { page, errors } = await openConsole('#/services');
    const row = page.getByTestId('service-row').filter({ hasText: 'Split AC service' });
    await row.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByTestId('service-form');
    await form.locator('input[name=basePrice]').fill('649.00');
    expect(await form.getByTestId('price-preview').textContent()).toContain('Customer pays ₹765.82');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await row.getByText('₹765.82').waitFor();
    expect(await row.textContent()).toContain('₹649.00');

    await page.getByRole('button', { name: 'New service' }).click();
    await form.locator('input[name=name]').fill('Free lunch');
    await form.locator('input[name=basePrice]').fill('-1');
    await form.getByRole('button', { name: 'Create service' }).click();
    const banner = form.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('A price must be whole paise');
    await page.screenshot({ path: path.join(screenshotDir, 'admin-web-services.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
