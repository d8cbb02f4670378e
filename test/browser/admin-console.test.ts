import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BookingView } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/axe.ts';
import { holdFor, paidBookingFor } from '../support/booking.ts';
import { launchChromium } from '../support/chromium.ts';
import { randomPhone } from '../support/identity.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');
const admin = { email: 'console-journey@zefy.test', password: `pw-${randomUUID()}` };
const indiranagar = demoCity.locations.hubs.find((hub) => hub.name === 'Indiranagar') as {
  id: string;
  taxIdentity: { gstin: string };
};

let platform: TestPlatform;
let browser: Browser;
let paid: BookingView;
let unpaid: BookingView;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform({ env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password } }),
    launchChromium(),
    mkdir(screenshotDir, { recursive: true }),
  ]);
  // holdFor seeds the demo city first
  unpaid = await holdFor(platform, { role: 'customer', id: randomUUID() });
  paid = await paidBookingFor(platform);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** The console in a fresh browser (desktop size), map tiles refused as if offline, page errors recorded. */
async function openConsole(
  pathname: string,
  options: { isSignedIn: boolean; colorScheme?: 'light' | 'dark' },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  if (options.isSignedIn) {
    const session = JSON.stringify(await platform.signIn('admin'));
    await context.addInitScript(
      `localStorage.getItem('zefy.admin.session') ?? localStorage.setItem('zefy.admin.session', ${JSON.stringify(session)})`,
    );
  }
  await context.route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // the browser logs every refused request; the refusals a test provokes are checked on screen instead
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  await page.goto(`${platform.baseUrl}/admin${pathname}`);
  return { page, errors };
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/** A step of the journey: the screen is at its own URL, survives a reload, and has no serious a11y problem. */
async function arrive(page: Page, screen: { title: string; url: RegExp }) {
  await heading(page, screen.title).waitFor();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toMatch(screen.url);
  await page.reload();
  await heading(page, screen.title).waitFor();
  expect(await page.title()).toBe(`${screen.title} · Zefy Admin`);
  await expectAccessible(page, screen.title);
}

describe('admin console', () => {
  it('walks the main journey with a URL per screen, the back button a step back and a reload at every step', async () => {
    const { page, errors } = await openConsole('/', { isSignedIn: false });

    // signed out, the console's start shows the login; afterwards the dashboard at the same URL
    await heading(page, 'Admin login').waitFor();
    await expectAccessible(page, 'Admin login');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await arrive(page, { title: 'Dashboard', url: /^\/admin\/$/ });
    const hubRow = page.getByTestId('hub-figures-row').filter({ hasText: 'Indiranagar' });
    await hubRow.waitFor();
    expect(await page.getByTestId('hub-figures-row').count()).toBe(demoCity.locations.hubs.length);
    expect(await page.getByTestId('stat-sla').locator('.zf-stat__value').textContent()).toBe('0');

    // bookings: paid ones by default; holds never paid behind a filter
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Bookings' }).click();
    await arrive(page, { title: 'Bookings', url: /^\/admin\/bookings$/ });
    const rows = page.getByTestId('booking-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-id')))).toEqual([
      paid.id,
    ]);
    await page.getByLabel('Show').selectOption('unpaid');
    await page.waitForURL(/view=unpaid/);
    await page.locator(`[data-id="${unpaid.id}"]`).waitFor();
    expect(await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-id')))).not.toContain(
      paid.id,
    );
    await arrive(page, { title: 'Bookings', url: /^\/admin\/bookings\?view=unpaid$/ });
    await page.locator(`[data-id="${unpaid.id}"]`).waitFor();
    // a search that is neither a booking id nor a phone is told on the search box, in plain words
    await page.getByLabel('Booking id or phone').fill('asha');
    await page.getByRole('button', { name: 'Search' }).click();
    const searchError = page.getByTestId('field-error');
    await searchError.waitFor();
    expect(await searchError.textContent()).not.toMatch(/querystring|body\./);
    await page.getByLabel('Booking id or phone').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Show').selectOption('paid');
    await page.locator(`[data-id="${paid.id}"]`).getByRole('link').click();

    // a booking's own screen; back returns to the list as it was
    await arrive(page, {
      title: `Booking ${paid.id.slice(-8)}`,
      url: new RegExp(`^/admin/bookings/${paid.id}$`),
    });
    await page.getByTestId('booking-timeline').getByText('Paid and confirmed').waitFor();
    await page.goBack();
    await heading(page, 'Bookings').waitFor();
    await page.locator(`[data-id="${paid.id}"]`).waitFor();
    await page.goBack();
    await heading(page, 'Dashboard').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/');
    await page.goForward();
    await heading(page, 'Bookings').waitFor();

    // a new partner, with the services they do and their hub picked by name
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Partners' }).click();
    await arrive(page, { title: 'Partners', url: /^\/admin\/partners$/ });
    await page.getByRole('link', { name: 'New partner' }).click();
    await arrive(page, { title: 'New partner', url: /^\/admin\/partners\/new$/ });
    const form = page.getByTestId('partner-form');
    await form.getByRole('button', { name: 'Create partner' }).click();
    // nothing picked: said on the pickers, before anything is sent
    expect(await form.getByTestId('field-error').allTextContents()).toEqual([
      'Choose the hub they work from',
      'Choose at least one service they do',
    ]);
    await form.getByLabel('Name').fill('Meena Kumari');
    await form.getByLabel('Mobile number').fill('not a phone');
    await form.getByLabel('Home hub').selectOption({ label: 'Indiranagar, Bengaluru' });
    const firstService = demoCity.catalog.services[0] as { name: string };
    await form.getByRole('group', { name: 'Services they do' }).getByLabel(firstService.name).check();
    await form.getByRole('button', { name: 'Create partner' }).click();
    // the API's refusal lands on the field, without a request path
    const phoneError = form.getByTestId('field-error');
    await phoneError.waitFor();
    expect(await phoneError.allTextContents()).toHaveLength(1);
    expect(await phoneError.textContent()).not.toMatch(/body\.|querystring|E\.164/);
    await expectAccessible(page, 'New partner with an error');
    await form.getByLabel('Mobile number').fill(randomPhone());
    await form.getByRole('button', { name: 'Create partner' }).click();
    await arrive(page, { title: 'Partners', url: /^\/admin\/partners\?status=pending$/ });
    const partnerRow = page.getByTestId('partner-row').filter({ hasText: 'Meena Kumari' });
    expect(await partnerRow.textContent()).toContain('Indiranagar');
    expect(await partnerRow.textContent()).toContain(firstService.name);
    await partnerRow.getByRole('button', { name: 'Approve' }).click();
    await partnerRow.waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('approved');
    await expect
      .poll(() =>
        page
          .getByTestId('partner-row')
          .filter({ hasText: 'Meena Kumari' })
          .getByTestId('partner-status')
          .textContent(),
      )
      .toBe('approved');
    // back from the list goes to the form's screen, not to a filter
    await page.goBack();
    await heading(page, 'New partner').waitFor();
    await page.goBack();
    await heading(page, 'Partners').waitFor();

    // services: a price edited on its own screen, then back on the list with what the customer pays
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Services' }).click();
    await arrive(page, { title: 'Services', url: /^\/admin\/services$/ });
    await page.getByRole('link', { name: 'Edit Split AC service' }).click();
    await arrive(page, { title: 'Edit Split AC service', url: /^\/admin\/services\/[0-9a-f-]{36}\/edit$/ });
    const serviceForm = page.getByTestId('service-form');
    await serviceForm.getByLabel('Base price (₹)').fill('649.00');
    expect(await serviceForm.getByTestId('price-preview').textContent()).toContain('Customer pays ₹765.82');
    await serviceForm.getByRole('button', { name: 'Save changes' }).click();
    await arrive(page, { title: 'Services', url: /^\/admin\/services$/ });
    const serviceRow = page.getByTestId('service-row').filter({ hasText: 'Split AC service' });
    expect(await serviceRow.textContent()).toContain('₹765.82');

    // hubs: a hub's own URL, its map zoomed to it
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Hubs' }).click();
    await arrive(page, { title: 'Hubs', url: /^\/admin\/hubs$/ });
    const cityZoom = await mapZoom(page);
    await page.getByRole('link', { name: 'Edit Indiranagar' }).click();
    await arrive(page, { title: 'Hubs', url: new RegExp(`^/admin/hubs/${indiranagar.id}$`) });
    await page.getByTestId('hub-editor').getByText('Edit Indiranagar').waitFor();
    expect(await mapZoom(page)).toBeGreaterThan(cityZoom);
    await page.goBack();
    await page.getByTestId('hub-editor').getByText('New hub').waitFor();

    // an address the console has no screen for
    await page.goto(`${platform.baseUrl}/admin/no/such/screen`);
    await arrive(page, { title: 'Page not found', url: /^\/admin\/no\/such\/screen$/ });

    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('follows a dark system setting, as readable as the light theme', async () => {
    const { page, errors } = await openConsole('/', { isSignedIn: true, colorScheme: 'dark' });
    await page.getByTestId('hub-figures-row').first().waitFor();
    const background = await page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
    expect(background).toBe('rgb(15, 17, 23)');
    await expectAccessible(page, 'Dashboard, dark');
    for (const [link, screen] of [
      ['Dispatch', 'Dispatch queue'],
      ['Bookings', 'Bookings'],
      ['Partners', 'Partners'],
      ['Services', 'Services'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: link }).click();
      await heading(page, screen).waitFor();
      await page.locator('.zf-table-wrap, [data-testid=empty-state]').first().waitFor();
      await expectAccessible(page, `${screen}, dark`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('draws a hub by clicking on the map, and refuses a self-intersecting outline pasted as GeoJSON', async () => {
    const { page, errors } = await openConsole('/hubs', { isSignedIn: true });
    await heading(page, 'Hubs').waitFor();
    await page.getByTestId('hub-row').filter({ hasText: 'Indiranagar' }).waitFor();
    expect(await page.getByTestId('hub-row').count()).toBe(demoCity.locations.hubs.length);
    // map tiles are refused: the map hides its tile layer and keeps the outlines on a plain background
    const map = page.getByTestId('outline-map');
    await expect.poll(() => map.getAttribute('class')).toContain('zf-map--no-tiles');
    expect(await map.locator('.leaflet-tile').count()).toBe(0);
    expect(await map.locator('svg path').count()).toBeGreaterThanOrEqual(demoCity.locations.hubs.length);

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
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/hubs\/[0-9a-f-]{36}$/);

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

  it("edits a hub's GST registration, saying on each field what is wrong", async () => {
    const { page, errors } = await openConsole(`/hubs/${indiranagar.id}`, { isSignedIn: true });
    const editor = page.getByTestId('hub-editor');
    await editor.getByText('Edit Indiranagar').waitFor();
    const gstin = editor.locator('input[name=gstin]');
    expect(await gstin.inputValue()).toBe(indiranagar.taxIdentity.gstin);
    // one mistyped character: the check character no longer matches
    await gstin.fill(`${indiranagar.taxIdentity.gstin.slice(0, 14)}0`);
    await editor.locator('input[name=legalName]').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await editor.getByText('This GSTIN has a wrong last character').waitFor();
    await editor.getByText('Enter the legal name too, or leave all three empty').waitFor();
    await gstin.fill('29aagcb7383j1z4');
    await editor.locator('input[name=legalName]').fill('Zefy Home Services Private Limited');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved Indiranagar').waitFor();
    expect(await gstin.inputValue()).toBe('29AAGCB7383J1Z4');
    expect(await editor.getByText('This GSTIN').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says on the field what is wrong with a price, in rupees, and keeps the form', async () => {
    const { page, errors } = await openConsole('/services/new', { isSignedIn: true });
    const form = page.getByTestId('service-form');
    await form.getByLabel('Name').fill('Free lunch');
    await form.getByLabel('Base price (₹)').fill('-1');
    await form.getByRole('button', { name: 'Create service' }).click();
    const fieldError = form.getByTestId('field-error');
    await fieldError.waitFor();
    expect(await fieldError.allTextContents()).toEqual(['Enter an amount in rupees, like 599 or 599.50']);
    // a price the form can read but the catalog refuses: the catalog's answer, on the field, in rupees
    await form.getByLabel('Base price (₹)').fill('100000001');
    await form.getByRole('button', { name: 'Create service' }).click();
    await expect.poll(() => fieldError.allTextContents()).toEqual(['Enter a price from ₹0 to ₹10 crore']);
    expect(await form.getByLabel('Base price (₹)').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'New service with an error');
    await page.screenshot({ path: path.join(screenshotDir, 'admin-web-services.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/** The zoom level the hub map shows (MapCanvas keeps it in `data-zoom`). */
async function mapZoom(page: Page): Promise<number> {
  const map = page.getByTestId('outline-map');
  await expect.poll(() => map.getAttribute('data-zoom')).toMatch(/^\d+$/);
  return Number(await map.getAttribute('data-zoom'));
}
