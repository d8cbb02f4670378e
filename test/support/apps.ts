import { mkdir } from 'node:fs/promises';
import type { Role } from '@zefy/contracts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { demoJob, worksAroundTheClock } from './dispatch.ts';
import { startPlatform, type TestPlatform } from './platform.ts';

/** Where each app keeps its session in localStorage (the three share an origin). */
const sessionKeys = {
  customer: 'zefy.user.session',
  partner: 'zefy.partner.session',
  admin: 'zefy.admin.session',
} as const satisfies Partial<Record<Role, string>>;

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 900 };

/** An app open in a browser context of its own. */
export interface OpenedApp {
  page: Page;
  /** Uncaught page errors, for a test's last `expect(errors).toEqual([])`. */
  errors: string[];
}

/**
 * The platform, with `env`, the demo city seeded and the demo job's partner free around the clock; Chromium
 * beside it; and `screenshotDir` made: the stage of the tests that walk the demo job through the apps.
 */
export async function openDemoJobStage(
  env: Record<string, string>,
  screenshotDir: string,
): Promise<[TestPlatform, Browser]> {
  const [platform, browser] = await Promise.all([
    startPlatform({ env }),
    launchChromium(),
    mkdir(screenshotDir, { recursive: true }),
  ]);
  await platform.seedDemoCity();
  await worksAroundTheClock(platform, demoJob.partner.id);
  return [platform, browser];
}

interface DeviceOptions {
  viewport: { width: number; height: number };
  geolocation?: { latitude: number; longitude: number; accuracy?: number };
  /**
   * `allowed-when-asked`: a person who allows notifications when the page asks (`allowingNotifications`);
   * else headless Chromium's own answer, 'default' until asked and then 'denied', with no prompt.
   */
  notifications?: 'allowed-when-asked';
}

/**
 * Stands in for a person who allows notifications when asked, which headless Chromium never does:
 * `Notification.permission` is 'default' until the page asks, then 'granted', and the answer outlives a
 * reload, as a browser keeps it. Set before the page loads.
 */
const allowingNotifications = `(() => {
  const key = 'zefy-test.notification-permission';
  Object.defineProperty(Notification, 'permission', {
    configurable: true,
    get: () => localStorage.getItem(key) ?? 'default',
  });
  Notification.requestPermission = async () => {
    localStorage.setItem(key, 'granted');
    return 'granted';
  };
})()`;

/**
 * A browser context of its own: the device at `geolocation` when given (location allowed), notifications
 * as `notifications` says, map tiles answered empty.
 */
async function deviceContext(browser: Browser, options: DeviceOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport,
    serviceWorkers: 'block',
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  });
  if (options.notifications === 'allowed-when-asked') await context.addInitScript(allowingNotifications);
  await context.route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
  return context;
}

/** `url` in a new page of `context`, its uncaught errors recorded. */
async function openIn(context: BrowserContext, url: string): Promise<OpenedApp> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

/** An app at `url` on a device of its own, signed out (see `deviceContext`); page errors recorded. */
export async function openSignedOut(
  browser: Browser,
  url: string,
  options: DeviceOptions,
): Promise<OpenedApp> {
  return openIn(await deviceContext(browser, options), url);
}

/**
 * An app at `url` on a device of its own (see `deviceContext`), already signed in as the principal (its
 * session where that app keeps it); page errors recorded.
 */
export async function openSignedIn(
  browser: Browser,
  platform: Pick<TestPlatform, 'signIn'>,
  url: string,
  principal: { role: keyof typeof sessionKeys; id?: string },
  options: DeviceOptions,
): Promise<OpenedApp> {
  const tokens = JSON.stringify(await platform.signIn(principal.role, principal.id));
  const context = await deviceContext(browser, options);
  await context.addInitScript(
    `localStorage.setItem(${JSON.stringify(sessionKeys[principal.role])}, ${JSON.stringify(tokens)})`,
  );
  return openIn(context, url);
}

/** The customer app on a phone at one of their bookings, signed in as the customer; page errors recorded. */
export function openCustomerBooking(
  browser: Browser,
  platform: Pick<TestPlatform, 'signIn' | 'baseUrl'>,
  customerId: string,
  bookingId: string,
): Promise<OpenedApp> {
  return openSignedIn(
    browser,
    platform,
    `${platform.baseUrl}/bookings/${bookingId}`,
    { role: 'customer', id: customerId },
    { viewport: phone },
  );
}

/**
 * The screen shown by `here` survives a reload, and the back button returns to the screen before it
 * (`before`), from which forward comes back: each step of a journey is its own history entry.
 */
export async function reloadBackForward(page: Page, here: Locator, before: Locator): Promise<void> {
  await page.reload();
  await here.waitFor();
  await page.goBack();
  await before.waitFor();
  await page.goForward();
  await here.waitFor();
}

/**
 * In the user app's booking flow (at /services/:id/book): tomorrow's first free slot, held, and paid on the
 * Razorpay simulator's checkout page. Answers the booking's id once its screen shows.
 */
export async function bookAndPay(page: Page): Promise<string> {
  const flow = page.getByTestId('booking-flow');
  const tomorrow = flow.getByTestId('days').locator('label').nth(1);
  await tomorrow.click();
  await tomorrow.locator('input:checked').waitFor();
  const slot = flow.getByTestId('slots').locator('label:not(:has(input[value=now]))').first();
  await slot.click();
  await flow.getByTestId('hold').click();
  const priceCard = page.getByTestId('price-card');
  await priceCard.locator('[data-testid=booking-status][data-status=held]').waitFor();
  const bookingId = new URL(page.url()).pathname.split('/').pop() as string;
  await priceCard.getByTestId('pay').click();
  await page.getByRole('button', { name: /^Pay ₹/ }).click();
  await page.getByTestId('booking-detail').waitFor();
  return bookingId;
}
