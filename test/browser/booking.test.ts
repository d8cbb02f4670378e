import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { demoCity } from '@zefy/demo-city';
import { seedDemoCity } from '@zefy/gateway';
import { createLogger } from '@zefy/platform';
import { isPointInRing, type Ring } from '@zefy/rules';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');
const admin = { email: 'ops-lead@zefy.dev', password: 'a long admin password for the browser test' };
const customer = demoCity.identity.customers[0] as { name: string; phone: string };
const home = demoCity.locations.addresses.find(
  (address) => address.customerId === demoCity.identity.customers[0]?.id && address.isDefault,
) as { lat: number; lng: number };
const service = demoCity.catalog.services[0] as { id: string; name: string };

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform({ env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password } }),
    launchChromium(),
    mkdir(screenshotDir, { recursive: true }),
  ]);
  await seedDemoCity(platform.platform.services, {
    logger: createLogger({ level: 'silent' }),
    dataDir: platform.dataDir,
  });
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(
  url: string,
  viewport: { width: number; height: number },
  geolocation?: { latitude: number; longitude: number },
) {
  const context = await browser.newContext({
    viewport,
    ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
  });
  await context.route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

/** The phone login of the user and partner apps, reading the code from the development SMS panel. */
async function phoneLogin(page: Page, phone: string) {
  await page.getByLabel('Mobile number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  const code = (await page.getByTestId('dev-sms-code').textContent()) ?? '';
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('booking in the browser', () => {
  it('takes a customer from a slot to "searching for a partner", while the admin sees the booking appear live', async () => {
    // the hub's partner for the service sets working hours in the partner app
    const hubOfHome = demoCity.locations.hubs.find((hub) =>
      isPointInRing([home.lng, home.lat], hub.polygon.coordinates[0] as Ring),
    );
    const partner = demoCity.identity.partners.find(
      (candidate) => candidate.skills.includes(service.id) && candidate.hubId === hubOfHome?.id,
    );
    if (!partner || !home) throw new Error('demo data changed');
    const partnerApp = await open(
      `${platform.baseUrl}/partner/`,
      { width: 390, height: 844 },
      { latitude: home.lat, longitude: home.lng },
    );
    await phoneLogin(partnerApp.page, partner.phone);
    const presence = partnerApp.page.getByTestId('presence');
    await presence.getByRole('button', { name: 'Go online' }).click();
    await presence.getByTestId('presence-state').filter({ hasText: 'You are online' }).waitFor();
    const editor = partnerApp.page.getByTestId('schedule-editor');
    await editor.waitFor();
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
      await editor.getByTestId(`schedule-day-${day}`).getByRole('button', { name: 'Add hours' }).click();
    await editor.getByRole('button', { name: 'Save schedule' }).click();
    await editor.getByRole('status').getByText('Saved').waitFor();
    await partnerApp.page.screenshot({
      path: path.join(screenshotDir, 'partner-schedule.png'),
      fullPage: true,
    });

    // the admin console, signed in with the admin's password, on the bookings screen
    const consoleApp = await open(`${platform.baseUrl}/admin/`, { width: 1280, height: 900 });
    await consoleApp.page.getByLabel('Email').fill(admin.email);
    await consoleApp.page.getByLabel('Password').fill(admin.password);
    await consoleApp.page.getByRole('button', { name: 'Log in' }).click();
    await consoleApp.page.getByRole('button', { name: 'Bookings' }).click();
    await consoleApp.page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();

    // the customer logs in, keeps the default address, books the service for the first free slot
    const userApp = await open(`${platform.baseUrl}/`, { width: 390, height: 844 });
    await phoneLogin(userApp.page, customer.phone);
    await userApp.page.getByTestId('address-book').waitFor();
    const row = userApp.page.getByTestId('service-row').filter({ hasText: service.name });
    await row.getByRole('button', { name: 'Book' }).click();
    const flow = userApp.page.getByTestId('booking-flow');
    await flow.waitFor();
    // slots of today may all be past the working day: move on to tomorrow when there are none
    const slots = flow.getByTestId('slot');
    if ((await slots.count()) === 0)
      await flow.getByRole('group', { name: 'Day' }).getByRole('button').nth(1).click();
    await slots.first().click();
    await flow.getByTestId('hold').click();
    const progress = userApp.page.getByTestId('booking-progress');
    await progress
      .getByTestId('booking-status')
      .filter({ hasText: 'Your partner is held for you' })
      .waitFor();
    expect(await progress.getByTestId('price-total').textContent()).toMatch(/^₹/);
    await userApp.page.screenshot({
      path: path.join(screenshotDir, 'user-booking-held.png'),
      fullPage: true,
    });

    // the admin sees the new booking without reloading
    const bookingRow = consoleApp.page.getByTestId('booking-row').first();
    await bookingRow.waitFor();
    expect(await bookingRow.textContent()).toContain(service.name);

    // pay on the Razorpay simulator's checkout page, which sends the browser back to the app
    await progress.getByTestId('pay').click();
    await userApp.page.getByRole('button', { name: /^Pay ₹/ }).click();
    const confirmed = userApp.page.getByTestId('booking-progress');
    await confirmed
      .getByTestId('booking-status')
      .filter({ hasText: 'Booking confirmed — searching for a partner' })
      .waitFor();
    await consoleApp.page.getByTestId('booking-row').filter({ hasText: 'Searching partner' }).waitFor();
    await userApp.page.screenshot({
      path: path.join(screenshotDir, 'user-booking-confirmed.png'),
      fullPage: true,
    });

    await consoleApp.page.getByTestId('booking-row').first().getByRole('link').click();
    const timeline = consoleApp.page.getByTestId('booking-timeline');
    await timeline.getByText('booking.confirmed').waitFor();
    expect(await timeline.getByTestId('timeline-entry').allTextContents()).toEqual([
      expect.stringContaining('booking.held'),
      expect.stringContaining('booking.payment_started'),
      expect.stringContaining('booking.confirmed'),
    ]);
    await consoleApp.page.getByTestId('payments-table').getByText('captured').waitFor();
    await consoleApp.page.screenshot({
      path: path.join(screenshotDir, 'admin-booking-detail.png'),
      fullPage: true,
    });

    expect([...partnerApp.errors, ...consoleApp.errors, ...userApp.errors]).toEqual([]);
  });
});
