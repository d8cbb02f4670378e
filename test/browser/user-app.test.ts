import { demoCity } from '@zefy/demo-city';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import { reloadBackForward } from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
import { launchChromium } from '../support/chromium.ts';
import { randomPhone } from '../support/identity.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// a door in Indiranagar, where the demo city has a partner for every service
const door = { latitude: 12.9716, longitude: 77.6412 };
const indiranagar = demoCity.locations.hubs.find((hub) => hub.name === 'Indiranagar') as { id: string };
const service = demoCity.catalog.services.find((item) => item.name === 'Bathroom deep cleaning') as {
  id: string;
  name: string;
  category: string;
};
const category = demoCity.catalog.categories.find((item) => item.id === service.category) as { name: string };
const partner = demoCity.identity.partners.find(
  (candidate) => candidate.hubId === indiranagar.id && candidate.skills.includes(service.id),
) as { id: string };

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
  await platform.seedDemoCity();
  // the partner works every day, early to late: tomorrow has free slots whenever the test runs
  const day = [{ start: '07:00', end: '21:00' }];
  const saved = await apiAt(platform.baseUrl)('/api/v1/partner/schedule', {
    method: 'PUT',
    token: await platform.tokenFor('partner', partner.id),
    json: {
      weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
      daysOff: [],
    },
  });
  expect(saved.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** A phone-sized context at the door (location allowed), counting the page's errors. */
async function openPhone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    geolocation: door,
    permissions: ['geolocation'],
  });
  await context.route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('the customer app', () => {
  it('walks a new customer from the catalog to a paid booking, each step at its own URL', async () => {
    const { page, errors } = await openPhone();
    const home = heading(page, 'Book a service');

    // a visitor sees the whole catalog at prices with GST in rupees
    await page.goto(`${platform.baseUrl}/`);
    await page.getByTestId('service-row').first().waitFor();
    expect(await page.getByTestId('service-row').count()).toBe(demoCity.catalog.services.length);
    await expectAccessible(page, 'home, visitor');
    // the first screen: a reload keeps it (back would leave the app)
    await page.reload();
    await home.waitFor();

    // logging in with a plain 10-digit number; the number can be changed on the code step
    await page.getByRole('link', { name: 'Log in' }).click();
    const login = heading(page, 'Log in or sign up');
    await login.waitFor();
    await expectAccessible(page, 'login');
    await reloadBackForward(page, login, home);
    const mistyped = randomPhone().slice(3);
    await page.getByLabel('Mobile number').fill(mistyped);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page
      .getByTestId('code-sent-to')
      .getByText(`+91 ${mistyped.slice(0, 5)} ${mistyped.slice(5)}`)
      .waitFor();
    // the resend button counts down the server's cooldown
    const resend = page.getByTestId('resend-code');
    expect(await resend.isDisabled()).toBe(true);
    expect(await resend.textContent()).toMatch(/^Send a new code in \d:\d\d$/);
    await page.getByRole('button', { name: 'Change number' }).click();
    expect(await page.getByLabel('Mobile number').inputValue()).toBe(mistyped);
    const phone = randomPhone();
    await page.getByLabel('Mobile number').fill(`${phone.slice(3, 8)} ${phone.slice(8)}`);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('6-digit code').fill((await page.getByTestId('dev-sms-code').textContent()) ?? '');
    await page.getByRole('button', { name: 'Log in' }).click();
    const account = heading(page, 'Your account');
    await account.waitFor();
    expect(await page.getByTestId('account-phone').textContent()).toBe(
      `+91 ${phone.slice(3, 8)} ${phone.slice(8)}`,
    );
    await expectAccessible(page, 'account');
    await reloadBackForward(page, account, home);

    // signed in without an address: the catalog is still there, with a way to add one
    await page.getByRole('link', { name: 'Home' }).click();
    await home.waitFor();
    const strip = page.getByTestId('address-strip');
    await strip.getByText('Add your address').waitFor();
    expect(await page.getByTestId('service-row').count()).toBe(demoCity.catalog.services.length);

    // the address, pinned by the device's location
    await strip.getByRole('link', { name: 'Add address' }).click();
    const newAddress = heading(page, 'New address');
    await newAddress.waitFor();
    await reloadBackForward(page, newAddress, home);
    const form = page.getByTestId('address-form');
    await form.getByRole('button', { name: 'Use my location' }).click();
    await form.getByTestId('pin-serviceability').getByText('We serve this area (Indiranagar).').waitFor();
    expect(await form.getByLabel('Latitude').inputValue()).toBe(String(door.latitude));
    await form.getByLabel('Flat, house, street').fill('612, 12th Main, HAL 2nd Stage');
    await form.getByLabel('Landmark (optional)').fill('Opposite the park');
    await expectAccessible(page, 'new address');
    await form.getByRole('button', { name: 'Save address' }).click();
    await home.waitFor();
    await strip.getByText('Served by Indiranagar').waitFor();
    await expectAccessible(page, 'home, signed in');

    // browse: a category, then the service's own page
    await page.getByTestId('category-tile').filter({ hasText: category.name }).click();
    const categoryScreen = heading(page, category.name);
    await categoryScreen.waitFor();
    await expectAccessible(page, 'category');
    await reloadBackForward(page, categoryScreen, home);
    await page.getByTestId('service-row').filter({ hasText: service.name }).click();
    const detail = heading(page, service.name);
    await detail.waitFor();
    expect(await page.getByTestId('extra-charge').textContent()).toMatch(
      /^The price covers 1 h 15 min of work\. If the job runs longer, the first 10 min are free; after that, every 30 min started costs ₹149 \+ 18% GST\.$/,
    );
    const price = (await page.getByTestId('service-price').textContent()) ?? '';
    expect(price).toMatch(/^₹\d/);
    await expectAccessible(page, 'service detail');
    await reloadBackForward(page, detail, categoryScreen);

    // choose when: tomorrow's first free slot, chosen visibly, kept in the URL
    await page.getByTestId('book-service').click();
    const chooseWhen = heading(page, 'Choose a time');
    await chooseWhen.waitFor();
    // a chip is chosen once the URL says so (the radios follow the URL)
    await page.getByTestId('days').locator('label', { hasText: 'Tomorrow' }).click();
    const tomorrow = page.getByTestId('days').getByRole('radio', { name: 'Tomorrow', checked: true });
    await tomorrow.waitFor();
    const firstSlot = page.getByTestId('slots').locator('label').first();
    const slotLabel = (await firstSlot.textContent()) ?? '';
    await firstSlot.click();
    await page.waitForURL(/[?&]slot=/);
    const chosenSlot = page
      .getByTestId('slots')
      .getByRole('radio', { name: slotLabel, exact: true, checked: true });
    await chosenSlot.waitFor();
    await expectAccessible(page, 'choose a time');
    await reloadBackForward(page, chosenSlot, detail);

    // the price card: where, when, the price line by line, the hold's time left
    await page.getByTestId('hold').click();
    const priceCard = page.getByTestId('price-card');
    await priceCard.waitFor();
    expect(page.url()).toMatch(/\/bookings\/[0-9a-f-]{36}$/);
    await priceCard
      .getByTestId('booking-address')
      .getByText('612, 12th Main, HAL 2nd Stage · Opposite the park')
      .waitFor();
    // "Tue, 8 Dec, 7:00 – 8:30 am": the range says "am" once
    expect(await priceCard.getByTestId('booking-window').textContent()).toContain(
      `, ${slotLabel.replace(/\s?[ap]m$/, '')} – `,
    );
    expect(await priceCard.getByTestId('price-total').textContent()).toBe(price);
    await priceCard
      .getByTestId('hold-countdown')
      .getByText(/^Held for you for \d+:\d\d more$/)
      .waitFor();
    await expectAccessible(page, 'price card');
    // back is the step before, on the same day (the slot is no longer free: it is held for this booking)
    await reloadBackForward(page, priceCard, tomorrow);
    const bookingUrl = page.url();

    // pay on the simulator's checkout page; back from it lands on the booking, confirmed
    await priceCard.getByTestId('pay').click();
    await page.getByRole('button', { name: /^Pay ₹/ }).click();
    const confirmed = page
      .getByTestId('booking-detail')
      .getByTestId('booking-status')
      .filter({ hasText: 'Booking confirmed — searching for a partner' });
    await confirmed.waitFor();
    expect(page.url()).toBe(bookingUrl);
    await expectAccessible(page, 'booking detail');
    // checkout left no step behind: back goes to the choice of time
    await reloadBackForward(page, confirmed, tomorrow);

    // the confirmation in the inbox, from the bell: a link to the booking, read once opened
    const bell = page.getByTestId('notification-bell');
    await bell.getByTestId('notification-badge').getByText('1').waitFor();
    await bell.click();
    const notifications = heading(page, 'Notifications');
    await notifications.waitFor();
    const item = page.getByRole('link', { name: /^Booking confirmed/ });
    await item.waitFor();
    await expectAccessible(page, 'notifications');
    await reloadBackForward(page, notifications, confirmed);
    await item.click();
    await confirmed.waitFor();
    expect(page.url()).toBe(bookingUrl);
    await bell.getByTestId('notification-badge').waitFor({ state: 'detached' });

    // the dark theme passes too
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(bookingUrl);
    await confirmed.waitFor();
    await expectAccessible(page, 'booking detail, dark');
    await page.goto(`${platform.baseUrl}/services/${service.id}`);
    await detail.waitFor();
    await expectAccessible(page, 'service detail, dark');

    expect(errors).toEqual([]);
    await page.context().close();
  });
});
