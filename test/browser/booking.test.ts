import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { demoCity } from '@zefy/demo-city';
import { seedDemoCity } from '@zefy/gateway';
import { createLogger } from '@zefy/platform';
import { isPointInRing, type Ring } from '@zefy/rules';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import { launchChromium } from '../support/chromium.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');
const admin = { email: 'ops-lead@zefy.dev', password: 'a long admin password for the browser test' };
const customer = demoCity.identity.customers[0] as { id: string; name: string; phone: string };
const home = demoCity.locations.addresses.find(
  (address) => address.customerId === demoCity.identity.customers[0]?.id && address.isDefault,
) as { lat: number; lng: number };
const service = demoCity.catalog.services[0] as { id: string; name: string };
const hubOfHome = demoCity.locations.hubs.find((hub) =>
  isPointInRing([home.lng, home.lat], hub.polygon.coordinates[0] as Ring),
);
const partner = demoCity.identity.partners.find(
  (candidate) => candidate.skills.includes(service.id) && candidate.hubId === hubOfHome?.id,
);
// `h:mm am` as en-IN writes it, whatever space Intl puts before "am"
const nineAm = /\b9:00\s?am\b/;

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
  device: { geolocation?: { latitude: number; longitude: number }; timezoneId?: string } = {},
) {
  const { geolocation, timezoneId } = device;
  const context = await browser.newContext({
    viewport,
    timezoneId,
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

/** The free slots the user app's booking step offers for the day shown (not "now"), as their chips. */
const slotChips = (page: Page) =>
  page.getByTestId('booking-flow').getByTestId('slots').locator('label:not(:has(input[value=now]))');

/** Chooses the `index`th day of the booking step (0 is today); the chips follow the URL. */
async function chooseDay(page: Page, index: number) {
  const day = page.getByTestId('booking-flow').getByTestId('days').locator('label').nth(index);
  await day.click();
  await day.locator('input:checked').waitFor();
}

/** Holds `slot` in the user app's booking step; the held booking's price card. */
async function holdSlot(page: Page, slot: Locator) {
  await slot.click();
  await page.getByTestId('booking-flow').getByTestId('hold').click();
  const priceCard = page.getByTestId('price-card');
  await priceCard.locator('[data-testid=booking-status][data-status=held]').waitFor();
  return priceCard;
}

async function openConsoleBookings(device: { timezoneId?: string } = {}) {
  const consoleApp = await open(`${platform.baseUrl}/admin/`, { width: 1280, height: 900 }, device);
  await consoleApp.page.getByLabel('Email').fill(admin.email);
  await consoleApp.page.getByLabel('Password').fill(admin.password);
  await consoleApp.page.getByRole('button', { name: 'Log in' }).click();
  await consoleApp.page.getByRole('navigation').getByRole('link', { name: 'Bookings' }).click();
  await consoleApp.page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
  // holds not paid yet are behind a filter: these tests watch a booking from its hold on
  await consoleApp.page.getByLabel('Show').selectOption('all');
  await consoleApp.page.waitForURL(/view=all/);
  return consoleApp;
}

/** The user app already signed in as the customer (a second code for the same phone would wait out its resend delay). */
async function openUserAppSignedIn(device: { timezoneId?: string }) {
  const tokens = JSON.stringify(await platform.signIn('customer', customer.id));
  const userApp = await open('about:blank', { width: 390, height: 844 }, device);
  await userApp.page
    .context()
    .addInitScript(`localStorage.setItem('zefy.user.session', ${JSON.stringify(tokens)})`);
  await userApp.page.goto(`${platform.baseUrl}/services/${service.id}/book`);
  return userApp;
}

describe('booking in the browser', () => {
  it('takes a customer from a slot to "searching for a partner", while the admin sees the booking appear live', async () => {
    // the hub's partner for the service sets working hours in the partner app
    if (!partner || !home) throw new Error('demo data changed');
    const partnerApp = await open(
      `${platform.baseUrl}/partner/`,
      { width: 390, height: 844 },
      { geolocation: { latitude: home.lat, longitude: home.lng } },
    );
    await phoneLogin(partnerApp.page, partner.phone);
    await partnerApp.page.getByRole('switch', { name: 'On duty' }).click();
    await partnerApp.page.getByTestId('presence-state').filter({ hasText: 'You are on duty' }).waitFor();
    await partnerApp.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Hours' })
      .click();
    const monday = partnerApp.page.getByTestId('schedule-day-mon');
    await monday.getByRole('button', { name: 'Add hours' }).click();
    await monday.getByRole('button', { name: 'Copy to all days' }).click();
    await partnerApp.page.getByRole('button', { name: 'Save working hours' }).click();
    await partnerApp.page.getByTestId('toast').filter({ hasText: 'Working hours saved' }).waitFor();
    await partnerApp.page.screenshot({
      path: path.join(screenshotDir, 'partner-schedule.png'),
      fullPage: true,
    });

    // the admin console, signed in with the admin's password, on the bookings screen
    const consoleApp = await openConsoleBookings();

    // the customer logs in on the service's booking step, keeps the default address, books the first free slot
    const userApp = await open(`${platform.baseUrl}/services/${service.id}/book`, {
      width: 390,
      height: 844,
    });
    await phoneLogin(userApp.page, customer.phone);
    const flow = userApp.page.getByTestId('booking-flow');
    await flow.waitFor();
    // slots of today may all be past the working day: move on to tomorrow when there are none
    const slots = slotChips(userApp.page);
    if ((await slots.count()) === 0) {
      await chooseDay(userApp.page, 1);
      await slots.first().waitFor();
    }
    const progress = await holdSlot(userApp.page, slots.first());
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
    const confirmed = userApp.page.getByTestId('booking-detail');
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
    await timeline.getByText('Paid and confirmed').waitFor();
    // the booking's own steps in order, in words; dispatch's rows (started, offers sent) follow at their own pace
    const rows = timeline.getByTestId('timeline-entry');
    const steps = await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-step')));
    expect(steps.slice(0, 3)).toEqual(['booking.held', 'booking.payment_started', 'booking.confirmed']);
    expect(steps.slice(3).every((step) => step?.startsWith('dispatch.'))).toBe(true);
    const entries = await rows.allTextContents();
    expect(entries.slice(0, 3)).toEqual([
      expect.stringContaining('Slot held'),
      expect.stringContaining('Payment started'),
      expect.stringContaining('Paid and confirmed'),
    ]);
    await consoleApp.page.getByTestId('payments-table').getByText('captured').waitFor();
    await consoleApp.page.screenshot({
      path: path.join(screenshotDir, 'admin-booking-detail.png'),
      fullPage: true,
    });

    expect([...partnerApp.errors, ...consoleApp.errors, ...userApp.errors]).toEqual([]);
  });

  it("shows a 9:00 slot in the hub's time zone on the booking card and in the console of devices set to UTC", async () => {
    if (!partner) throw new Error('demo data changed');
    // the partner works 9:00 to 18:00 hub time every day (as the first test saved it in the partner app)
    const nineToSix = [{ start: '09:00', end: '18:00' }];
    const saved = await apiAt(platform.baseUrl)('/api/v1/partner/schedule', {
      method: 'PUT',
      token: await platform.tokenFor('partner', partner.id),
      json: {
        weekly: {
          mon: nineToSix,
          tue: nineToSix,
          wed: nineToSix,
          thu: nineToSix,
          fri: nineToSix,
          sat: nineToSix,
          sun: nineToSix,
        },
        daysOff: [],
      },
    });
    expect(saved.status).toBe(200);
    const utc = { timezoneId: 'UTC' };
    const consoleApp = await openConsoleBookings(utc);

    // the day after tomorrow is free whatever the other test booked; its 9:00 slot is 9:00 in Bengaluru (other
    // demo partners of the hub start at 8:00)
    const userApp = await openUserAppSignedIn(utc);
    expect(await userApp.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    await chooseDay(userApp.page, 2);
    const nineOClock = slotChips(userApp.page).filter({ hasText: nineAm }).first();
    await nineOClock.waitFor();
    const progress = await holdSlot(userApp.page, nineOClock);
    // "Sat, 7 Mar, 9:00 – 10:00 am", where the device's own clock would say 3:30
    const card = await progress.getByTestId('booking-window').textContent();
    expect(card).toMatch(/, 9:00\b/);
    expect(card).not.toMatch(/3:30/);

    // the console lists it (live), for 9:00, and its page names the zone
    const bookingId = new URL(userApp.page.url()).pathname.split('/').pop() as string;
    const row = consoleApp.page.locator(`[data-testid=booking-row][data-id="${bookingId}"]`);
    await row.waitFor();
    const forColumn = 2;
    expect(await row.locator('td').nth(forColumn).textContent()).toMatch(nineAm);
    await row.getByRole('link').click();
    const detail = consoleApp.page.getByTestId('booking-window');
    await detail.waitFor();
    expect(await detail.textContent()).toMatch(/, 9:00\b.*\(Asia\/Kolkata\)/);
    expect(await detail.textContent()).not.toMatch(/3:30/);
    await userApp.page.screenshot({
      path: path.join(screenshotDir, 'user-booking-hub-time.png'),
      fullPage: true,
    });

    expect([...consoleApp.errors, ...userApp.errors]).toEqual([]);
  });
});
