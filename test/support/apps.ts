import { mkdir } from 'node:fs/promises';
import type { Role } from '@zefy/contracts';
import type { Browser, Page } from 'playwright-core';
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

export interface SignedInApp {
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

/**
 * An app at `url` in a browser context of its own, already signed in as the principal (its session where
 * that app keeps it), the device at `geolocation` when given, map tiles answered empty; page errors recorded.
 */
export async function openSignedIn(
  browser: Browser,
  platform: Pick<TestPlatform, 'signIn'>,
  url: string,
  principal: { role: keyof typeof sessionKeys; id?: string },
  options: {
    viewport: { width: number; height: number };
    geolocation?: { latitude: number; longitude: number; accuracy?: number };
  },
): Promise<SignedInApp> {
  const tokens = JSON.stringify(await platform.signIn(principal.role, principal.id));
  const context = await browser.newContext({
    viewport: options.viewport,
    serviceWorkers: 'block',
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  });
  await context.route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
  await context.addInitScript(
    `localStorage.setItem(${JSON.stringify(sessionKeys[principal.role])}, ${JSON.stringify(tokens)})`,
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
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
