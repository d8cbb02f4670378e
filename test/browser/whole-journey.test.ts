import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAndPay, desktop, openDemoJobStage, openSignedIn, phone } from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
import { demoJob } from '../support/dispatch.ts';
import type { TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');
const shoot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
const { customer, home, service, partner } = demoJob;
/** The partner's phone `metersNorth` of the customer's door. */
const northOfHome = (metersNorth: number) => ({
  latitude: home.lat + metersNorth / 111_320,
  longitude: home.lng,
  accuracy: 10,
});

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await openDemoJobStage(
    // the offer stays open while the test walks the other apps
    { BOOKING_DISPATCH_OFFER_WINDOW_SECONDS: '300', RATE_LIMIT_PER_MINUTE: '1000000' },
    screenshotDir,
  );
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the whole journey, three apps at once', () => {
  it('books and pays, is accepted, tracked, started and ended by code and rated, while the console follows the timeline', async () => {
    const partnerApp = await openSignedIn(
      browser,
      platform,
      `${platform.baseUrl}/partner/`,
      { role: 'partner', id: partner.id },
      { viewport: phone, geolocation: northOfHome(2000) },
    );
    await partnerApp.page.getByRole('switch', { name: 'On duty' }).click();
    await partnerApp.page.getByTestId('presence-state').filter({ hasText: 'You are on duty' }).waitFor();

    // the customer books and pays on the Razorpay simulator's checkout page
    const userApp = await openSignedIn(
      browser,
      platform,
      `${platform.baseUrl}/services/${service.id}/book`,
      { role: 'customer', id: customer.id },
      { viewport: phone },
    );
    const bookingId = await bookAndPay(userApp.page);
    const user = userApp.page;
    const status = (value: string) => user.locator(`[data-testid=booking-status][data-status=${value}]`);
    await user.getByTestId('finding-professional').waitFor();

    // the console watches the booking; each step appears on its timeline as it happens
    const consoleApp = await openSignedIn(
      browser,
      platform,
      `${platform.baseUrl}/admin/bookings/${bookingId}`,
      { role: 'admin' },
      { viewport: desktop },
    );
    const step = (type: string) =>
      consoleApp.page.locator(`[data-testid=timeline-entry][data-step="${type}"]`).first().waitFor();
    await step('booking.confirmed');

    // the partner accepts the offer; the customer sees who is coming
    const offer = partnerApp.page.locator(`[data-testid=offer-card][data-booking-id="${bookingId}"]`);
    await offer.waitFor({ timeout: 20_000 });
    await offer.getByRole('button', { name: 'Accept' }).click();
    await partnerApp.page.waitForURL(`**/partner/jobs/${bookingId}`);
    await partnerApp.page.getByTestId('job-assigned').waitFor();
    const card = user.getByTestId('assigned-partner');
    await card.waitFor();
    expect(await card.getByTestId('partner-name').textContent()).toBe(partner.name);
    await step('booking.partner_assigned');

    // "On my way": the phone's position reaches the customer's map and the console's
    await partnerApp.page.getByTestId('on-my-way').click();
    await partnerApp.page.getByTestId('sharing-location').waitFor();
    await status('en_route').waitFor();
    await step('booking.en_route');
    const marker = user.getByTestId('partner-marker');
    await marker.waitFor({ timeout: 20_000 });
    const latOf = async () => Number(await marker.getAttribute('data-lat'));
    expect(await latOf()).toBeCloseTo(northOfHome(2000).latitude, 5);
    await user.getByTestId('eta').waitFor();
    const consoleMarkers = consoleApp.page
      .getByTestId('live-tracking')
      .getByTestId('tracking-map-markers')
      .locator('li[data-kind=partner]');
    await consoleMarkers.waitFor();

    // the partner moves closer: the next upload moves the marker without a reload
    await partnerApp.page.context().setGeolocation(northOfHome(1850));
    await expect.poll(latOf, { timeout: 20_000 }).toBeCloseTo(northOfHome(1850).latitude, 5);
    await expectAccessible(user, 'journey: partner on the way');
    await shoot(user, 'journey-user-tracking');
    await shoot(consoleApp.page, 'journey-admin-live');

    // at the door: the customer reads the start code out, the partner types it in
    await partnerApp.page.getByTestId('arrived').click();
    await status('arrived').waitFor();
    await step('booking.arrived');
    const startCode = (await user.getByTestId('start-otp').getByTestId('otp-code').textContent()) as string;
    expect(startCode).toMatch(/^\d{4,6}$/);
    await shoot(user, 'journey-user-start-code');
    const startForm = partnerApp.page.getByTestId('start-otp-form');
    await startForm.getByLabel('Start code').fill(startCode);
    await startForm.getByRole('button', { name: 'Start job' }).click();

    // the job runs on the server's clock, in both apps
    await partnerApp.page.getByTestId('job-timer').waitFor();
    await status('in_progress').waitFor();
    await step('booking.job_started');
    await expect.poll(() => user.getByTestId('job-timer').textContent()).toMatch(/^0:0[1-9]$/);
    await shoot(user, 'journey-user-timer');

    // the end code closes it: nothing extra to pay, so it completes at once
    const endCode = (await user.getByTestId('end-otp').getByTestId('otp-code').textContent()) as string;
    expect(endCode).not.toBe(startCode);
    const endForm = partnerApp.page.getByTestId('end-otp-form');
    await endForm.getByLabel('End code').fill(endCode);
    await endForm.getByRole('button', { name: 'End job' }).click();
    await partnerApp.page.getByTestId('job-completed').waitFor();
    expect(await partnerApp.page.getByTestId('extra-due').textContent()).toBe('₹0');
    await status('completed').waitFor();
    await step('booking.completed');

    // both rate each other; the customer's rating is on the timeline
    const rate = user.getByTestId('rate-job');
    await rate.waitFor();
    await shoot(user, 'journey-user-rating');
    await rate.locator('label', { hasText: '5 stars' }).click();
    await rate.getByLabel('Comment (optional)').fill('On time and careful');
    await rate.getByTestId('submit-rating').click();
    await user.getByTestId('given-rating').getByRole('img', { name: '5 out of 5 stars' }).waitFor();
    const rateCustomer = partnerApp.page.getByTestId('rate-customer');
    await rateCustomer.getByRole('radio', { name: '5 stars' }).check();
    await rateCustomer.getByRole('button', { name: 'Rate the customer' }).click();
    await partnerApp.page.getByTestId('customer-rated').waitFor();
    await step('booking.rated');

    // the console's timeline holds the whole journey, in order
    const steps = await consoleApp.page
      .getByTestId('timeline-entry')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-step')));
    const journey = [
      'booking.confirmed',
      'booking.partner_assigned',
      'booking.en_route',
      'booking.arrived',
      'booking.job_started',
      'booking.completed',
      'booking.rated',
    ];
    const positions = journey.map((type) => steps.indexOf(type));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    await expectAccessible(consoleApp.page, 'journey: the console after the rating');
    await shoot(consoleApp.page, 'journey-admin-timeline');

    expect([...partnerApp.errors, ...userApp.errors, ...consoleApp.errors]).toEqual([]);
    // three apps through a whole job, with one upload round of the partner app's position (10 s)
  }, 240_000);
});
