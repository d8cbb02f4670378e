import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { demoCity } from '@zefy/demo-city';
import { formatPaise } from '@zefy/platform';
import { priceBreakdown } from '@zefy/rules';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { loginByOtp, randomPhone } from '../support/identity.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');
// a transparent 1×1 PNG: the map is tested without real tiles (there is no internet here anyway)
const blankTile = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

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

/** The user app, signed in (the OTP login screen is exercised in identity.test.ts). */
async function openSignedIn(): Promise<{ page: Page; errors: string[] }> {
  const session = JSON.stringify(await loginByOtp(platform.baseUrl, randomPhone(), 'customer'));
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(`localStorage.setItem('zefy.user.session', ${JSON.stringify(session)})`);
  await context.route(/tile\.openstreetmap\.org/, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: blankTile }),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

async function addAddress(page: Page, address: { label: string; line1: string; lat: number; lng: number }) {
  await page.getByRole('button', { name: 'Add address' }).click();
  const form = page.getByTestId('address-form');
  await form.waitFor();
  // the pin is placed by clicking the bare map (no tiles), then set exactly through the fields
  await form.getByTestId('pin-map').click({ position: { x: 120, y: 100 } });
  expect(await form.locator('input[name=lat]').inputValue()).toMatch(/^1[23]\.\d+$/);
  await form
    .getByRole('button', { name: address.label })
    .or(form.locator('input[name=label]'))
    .first()
    .click();
  await form.locator('input[name=label]').fill(address.label);
  await form.locator('input[name=line1]').fill(address.line1);
  await form.locator('input[name=lat]').fill(String(address.lat));
  await form.locator('input[name=lng]').fill(String(address.lng));
  await form.getByRole('button', { name: 'Save address' }).click();
  await form.waitFor({ state: 'detached' });
}

describe('user app: addresses and what their hub offers', () => {
  it('adds a serviceable and a not-serviceable address, and lists the first one’s services with prices', async () => {
    const { page, errors } = await openSignedIn();
    await page.goto(`${platform.baseUrl}/`);
    await page.getByTestId('address-book').getByText('Add an address to see what we offer there').waitFor();

    await addAddress(page, {
      label: 'Home',
      line1: '612, 12th Main, HAL 2nd Stage',
      lat: 12.9716,
      lng: 77.6412,
    });
    const home = page.getByTestId('address-row').filter({ hasText: 'Home' });
    await home.getByText('Served by Indiranagar').waitFor();
    await page.getByTestId('hub-services-title').getByText('Services at Indiranagar').waitFor();

    await addAddress(page, {
      label: "Parents' place",
      line1: 'Sahakara Nagar, Hebbal',
      lat: 13.0358,
      lng: 77.597,
    });
    const parents = page.getByTestId('address-row').filter({ hasText: "Parents' place" });
    expect(await parents.getByTestId('serviceability').textContent()).toMatch(
      /^Not serviceable yet: this pin is outside every Zefy service area; the nearest, .+, is about \d+\.\d km away\.$/,
    );
    await page.getByTestId('not-serviceable').waitFor();
    expect(await page.getByTestId('service-row').count()).toBe(0);

    await home.getByRole('radio').check();
    await page.getByTestId('hub-services-title').getByText('Services at Indiranagar').waitFor();
    const ac = demoCity.catalog.services.find((service) => service.name === 'Split AC service')!;
    const total = priceBreakdown({
      basePricePaise: ac.basePricePaise,
      includedMinutes: ac.includedMinutes,
      graceMinutes: ac.extraCharge.graceMinutes,
      extraBlockMinutes: ac.extraCharge.blockMinutes,
      extraBlockPricePaise: ac.extraCharge.blockPricePaise,
      taxRateBasisPoints: ac.taxRateBasisPoints,
    }).totalPaise;
    const row = page.getByTestId('service-row').filter({ hasText: ac.name });
    expect(await row.textContent()).toContain(formatPaise(total));
    expect(await page.getByTestId('service-row').count()).toBe(demoCity.catalog.services.length);
    expect(await page.getByTestId('address-row').count()).toBe(2);

    await page.screenshot({ path: path.join(screenshotDir, 'user-web-addresses.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
