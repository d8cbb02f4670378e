import { demoCity } from '@zefy/demo-city';
import { priceBreakdown } from '@zefy/rules';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRupees } from '../../packages/rules/src/money.ts';
import { openSignedIn, phone } from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
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

/** Fills the address form and saves it; the pin is typed (the map and the device's location are tried first). */
async function addAddress(
  page: Page,
  address: { kind: 'Home' | 'Work' | 'Other'; name?: string; line1: string; lat: number; lng: number },
) {
  await page.getByRole('link', { name: 'Add address' }).first().click();
  const form = page.getByTestId('address-form');
  await form.waitFor();
  await form.getByLabel(address.kind, { exact: true }).check();
  if (address.name) await form.getByLabel('Name this place').fill(address.name);
  await form.getByLabel('Flat, house, street').fill(address.line1);
  await form.getByLabel('Latitude').fill(String(address.lat));
  await form.getByLabel('Longitude').fill(String(address.lng));
  await form.getByTestId('pin-serviceability').waitFor();
  await form.getByRole('button', { name: 'Save address' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your addresses' }).waitFor();
}

const rowOf = (page: Page, label: string) => page.getByTestId('address-row').filter({ hasText: label });

describe('user app: addresses', () => {
  it('adds, edits, makes default and deletes addresses, the default listed first', async () => {
    // a new customer (the login is exercised in user-app.test.ts); location not allowed
    const { page, errors } = await openSignedIn(
      browser,
      platform,
      `${platform.baseUrl}/addresses`,
      { role: 'customer' },
      { viewport: phone },
    );
    await page.getByTestId('empty-state').getByText('Add an address to book a service there').waitFor();

    // a form sent half-filled says what is missing on the fields, in words
    await page.getByRole('link', { name: 'Add address' }).first().click();
    const form = page.getByTestId('address-form');
    await form.getByRole('button', { name: 'Save address' }).click();
    expect(await form.getByTestId('field-error').allTextContents()).toEqual([
      'Enter the flat or house number and the street',
      'Place the pin: tap the map where your door is, or use your location',
    ]);
    // location not allowed: said plainly, with the way round it
    await form.getByRole('button', { name: 'Use my location' }).click();
    expect(await form.getByTestId('location-failed').textContent()).toMatch(
      /Allow location for this site in your browser’s settings, or tap the map where your door is\./,
    );
    // a tap on the bare map places the pin
    await form.getByTestId('pin-map').click({ position: { x: 120, y: 100 } });
    expect(await form.getByLabel('Latitude').inputValue()).toMatch(/^1[23]\.\d+$/);
    await page.goBack();

    await addAddress(page, {
      kind: 'Home',
      line1: '612, 12th Main, HAL 2nd Stage',
      lat: 12.9716,
      lng: 77.6412,
    });
    await rowOf(page, 'Home').getByText('Served by Indiranagar').waitFor();
    await rowOf(page, 'Home').getByTestId('default-address').waitFor();

    await addAddress(page, {
      kind: 'Other',
      name: "Parents' place",
      line1: 'Sahakara Nagar, Hebbal',
      lat: 13.0358,
      lng: 77.597,
    });
    const parents = rowOf(page, "Parents' place");
    expect(await parents.getByTestId('serviceability').textContent()).toMatch(
      /^Not serviceable yet: this pin is outside every Zefy service area; the nearest, .+, is about \d+\.\d km away\.$/,
    );
    expect(await page.getByTestId('address-row').allTextContents()).toEqual([
      expect.stringContaining('Home'),
      expect.stringContaining("Parents' place"),
    ]);
    await expectAccessible(page, 'addresses');

    // the default moves, and the list puts it first
    await parents.getByRole('button', { name: 'Make default' }).click();
    await parents.getByTestId('default-address').waitFor();
    expect(await page.getByTestId('address-row').first().textContent()).toContain("Parents' place");

    // an edit keeps the address and changes what was changed
    await rowOf(page, 'Home').getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit address' }).waitFor();
    expect(await form.getByLabel('Home', { exact: true }).isChecked()).toBe(true);
    await form.getByLabel('Flat, house, street').fill('614, 12th Main, HAL 2nd Stage');
    await form.getByRole('button', { name: 'Save address' }).click();
    await rowOf(page, 'Home').getByText('614, 12th Main, HAL 2nd Stage').waitFor();

    // deleting asks first; the other address becomes the default
    await parents.getByRole('button', { name: 'Delete' }).click();
    await parents.getByTestId('confirm-delete').getByRole('button', { name: 'Keep it' }).click();
    await parents.getByRole('button', { name: 'Delete' }).click();
    await parents.getByTestId('confirm-delete').getByRole('button', { name: 'Delete' }).click();
    await parents.waitFor({ state: 'detached' });
    await rowOf(page, 'Home').getByTestId('default-address').waitFor();
    expect(await page.getByTestId('address-row').count()).toBe(1);

    // the home screen: the default address, and every service at the price with GST
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByTestId('address-strip').getByText('Served by Indiranagar').waitFor();
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
    expect(await row.textContent()).toContain(formatRupees(total));
    expect(await page.getByTestId('service-row').count()).toBe(demoCity.catalog.services.length);

    expect(errors).toEqual([]);
    await page.context().close();
  });
});
