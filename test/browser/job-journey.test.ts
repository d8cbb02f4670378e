import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCustomerBooking } from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
import { launchChromium } from '../support/chromium.ts';
import { assignedJobSignedIn, dispatchAt } from '../support/dispatch.ts';
import { fixNear, jobAt } from '../support/job-http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');
const shoot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform(),
    launchChromium(),
    mkdir(screenshotDir, { recursive: true }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const latOf = async (page: Page) => Number(await page.getByTestId('partner-marker').getAttribute('data-lat'));

describe('the job in the customer app', () => {
  it('follows the professional on the map to the door, shows the codes and the timer, takes a rating, and lists the booking with its receipt', async () => {
    const { bookingId, customer, partner } = await assignedJobSignedIn(platform);
    const dispatch = dispatchAt(platform.baseUrl);
    const job = jobAt(platform.baseUrl);
    const door = await job.doorOf(customer.token, bookingId);

    const { page, errors } = await openCustomerBooking(browser, platform, customer.id, bookingId);
    const status = (value: string) => page.locator(`[data-testid=booking-status][data-status=${value}]`);
    await status('assigned').waitFor();
    await page.getByTestId('assigned-partner').waitFor();
    await page.getByTestId('eta-waiting').waitFor();

    // "On my way", then the phone's fixes: the marker appears and the ETA is told in the hub's clock
    expect((await dispatch.onMyWay(partner.token, bookingId)).status).toBe(200);
    await status('en_route').waitFor();
    await page.getByTestId('tracking-map').waitFor();
    await job.positions(partner.token, bookingId, [fixNear(door, 1500, 60), fixNear(door, 1400, 50)]);
    await page.getByTestId('partner-marker').waitFor();
    await expect.poll(() => latOf(page)).toBeCloseTo(door.lat + 1400 / 111_320, 5);
    const eta = page.getByTestId('eta');
    await eta.waitFor();
    expect(await eta.textContent()).toMatch(/^(Arrives in ~\d+ (h \d+ )?min, by \d\d:\d\d|Arriving now)$/);
    expect(await page.getByTestId('promised-arrival').textContent()).toMatch(/^Promised by \d\d:\d\d$/);
    await expectAccessible(page, 'booking, partner on the way');
    await shoot(page, 'user-tracking');

    // the next fix moves the marker without a reload
    await job.positions(partner.token, bookingId, [fixNear(door, 1000, 0)]);
    await expect.poll(() => latOf(page)).toBeCloseTo(door.lat + 1000 / 111_320, 5);

    // at the door: the start code, read out to the partner, who types it in
    expect((await dispatch.arrived(partner.token, bookingId)).status).toBe(200);
    await status('arrived').waitFor();
    await page.getByTestId('arrived').waitFor();
    const startCode = await page.getByTestId('start-otp').getByTestId('otp-code').textContent();
    expect(startCode).toMatch(/^\d{4,6}$/);
    await expectAccessible(page, 'booking, start code');
    await shoot(page, 'user-start-code');
    expect((await job.start(partner.token, bookingId, startCode as string)).status).toBe('in_progress');

    // the timer counts from the server's start, also after a reload; the end code replaces the start code
    await status('in_progress').waitFor();
    const timer = page.getByTestId('job-timer');
    await expect.poll(() => timer.textContent()).toMatch(/^0:0[1-9]$/);
    await page.reload();
    await expect.poll(() => timer.textContent()).toMatch(/^0:\d\d$/);
    const endCode = await page.getByTestId('end-otp').getByTestId('otp-code').textContent();
    expect(endCode).toMatch(/^\d{4,6}$/);
    expect(endCode).not.toBe(startCode);
    expect((await job.end(partner.token, bookingId, endCode as string)).status).toBe('completed');

    // done: rate once, then the rating given shows in place of the form
    await status('completed').waitFor();
    const rate = page.getByTestId('rate-job');
    await expectAccessible(page, 'booking, rating');
    await shoot(page, 'user-rating');
    await rate.locator('label', { hasText: '4 stars' }).click();
    expect(await rate.getByRole('radio', { name: '4 stars' }).isChecked()).toBe(true);
    await rate.getByLabel('On time').check();
    await rate.getByLabel('Comment (optional)').fill('Quick and tidy');
    await rate.getByTestId('submit-rating').click();
    const given = page.getByTestId('given-rating');
    await given.getByRole('img', { name: '4 out of 5 stars' }).waitFor();
    expect(await given.textContent()).toContain('Quick and tidy');
    expect(await job.receiptRating(customer.token, bookingId)).toMatchObject({ stars: 4, tags: ['on_time'] });

    // My bookings: not upcoming any more, but past
    await page.getByRole('link', { name: 'Bookings' }).click();
    await page.getByTestId('my-bookings').waitFor();
    await page.getByText('Nothing booked yet', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Past' }).click();
    const row = page.locator(`[data-testid=booking-row][data-booking-id="${bookingId}"]`);
    await row.waitFor();
    await expectAccessible(page, 'my bookings, past');
    await shoot(page, 'user-my-bookings');

    // its receipt, made to print: the app's header and the print button stay off the paper
    await row.getByRole('link').click();
    await status('completed').waitFor();
    await page.getByRole('link', { name: 'Receipt' }).click();
    await page.getByTestId('receipt-payments').waitFor();
    expect(await page.getByTestId('receipt-paid').textContent()).toMatch(/^₹/);
    // the demo hub is registered for GST in Karnataka: a tax invoice, naming who issues it
    await page.getByRole('heading', { level: 1, name: 'Tax invoice' }).waitFor();
    expect(await page.getByTestId('receipt-gstin').textContent()).toMatch(/^29[0-9A-Z]{13}$/);
    await page.getByTestId('given-rating').waitFor();
    await expectAccessible(page, 'receipt');
    await shoot(page, 'user-receipt');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-receipt').isVisible()).toBe(false);
    expect(await page.locator('.zf-header').isVisible()).toBe(false);
    expect(await page.getByTestId('receipt-payments').isVisible()).toBe(true);
    await shoot(page, 'user-receipt-print');

    expect(errors).toEqual([]);
  });

  it('cancels an assigned booking with its fee shown first, then invoices the fee kept', async () => {
    const { bookingId, customer } = await assignedJobSignedIn(platform);
    const { page, errors } = await openCustomerBooking(browser, platform, customer.id, bookingId);
    await page.locator('[data-testid=booking-status][data-status=assigned]').waitFor();
    await page.getByTestId('cancel-booking').click();
    const quote = page.getByTestId('cancel-quote');
    await quote.waitFor();
    const kept = /kept (₹[\d,.]+)/.exec((await quote.textContent()) ?? '')?.[1];
    expect(kept).toBeDefined();
    await page.getByTestId('confirm-cancel').click();
    await page.locator('[data-testid=booking-status][data-status=cancelled]').waitFor();

    await page.getByRole('link', { name: 'Receipt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tax invoice' }).waitFor();
    const fee = page.getByTestId('receipt-cancellation-fee');
    await fee.waitFor();
    expect(await page.getByTestId('invoice-number').textContent()).toMatch(/^[A-Z0-9]{3,4}\/\d{4}\/\d{6}$/);
    // the fee with GST is the one the customer was told they would be kept
    expect(await fee.locator('th.zf-num').textContent()).toBe(kept);
    await expectAccessible(page, 'receipt, cancellation fee');
    await shoot(page, 'user-receipt-cancellation-fee');
    expect(errors).toEqual([]);
  });
});
