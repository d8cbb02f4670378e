import type { BookingOtps } from '@zefy/contracts';
import { ManualClock } from '@zefy/platform';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { openCustomerBooking } from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
import { launchChromium } from '../support/chromium.ts';
import { assignedJobSignedIn, dispatchAt } from '../support/dispatch.ts';
import { fixNear, jobAt } from '../support/job-http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// the platform on a clock moved by hand: a job runs past its included time, and a partner late, in a moment
const clock = new ManualClock(new Date());
let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform({ clock, env: { TRACKING_MONITOR_TICK_MS: '100' } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the job in the customer app, on the server clock', () => {
  it('shows the extra time with its breakdown and takes its payment through the same checkout, then completes', async () => {
    const { bookingId, customer, partner } = await assignedJobSignedIn(platform);
    const dispatch = dispatchAt(platform.baseUrl);
    const job = jobAt(platform.baseUrl);
    expect((await dispatch.onMyWay(partner.token, bookingId)).status).toBe(200);
    expect((await dispatch.arrived(partner.token, bookingId)).status).toBe(200);
    const codes = await eventually(async () => {
      const otps = (await (
        await apiAt(platform.baseUrl)(`/api/v1/bookings/${bookingId}/otps`, { token: customer.token })
      ).json()) as BookingOtps;
      if (!otps.start || !otps.end) throw new Error('no codes yet');
      return { start: otps.start.code, end: otps.end.code };
    });
    await job.start(partner.token, bookingId, codes.start);

    const { page, errors } = await openCustomerBooking(browser, platform, customer.id, bookingId);
    const status = (value: string) => page.locator(`[data-testid=booking-status][data-status=${value}]`);
    await status('in_progress').waitFor();

    // the demo service includes 300 minutes and 15 of grace, then charges per started 30 minutes
    clock.advance(346 * 60_000);
    const ended = await job.end(partner.token, bookingId, codes.end);
    expect(ended.status).toBe('awaiting_extra_payment');
    const due = ended.job?.extraDuePaise ?? 0;
    await status('awaiting_extra_payment').waitFor();
    const breakdown = page.getByTestId('extra-breakdown');
    await breakdown.waitFor();
    expect(await breakdown.textContent()).toContain('5 h 46 min');
    expect(await breakdown.textContent()).toContain('5 h');
    const pay = page.getByTestId('pay-extra');
    const amount = (await pay.textContent())?.match(/^Pay ₹([\d,]+(?:\.\d\d)?)$/)?.[1];
    expect(Number(amount?.replaceAll(',', ''))).toBe(due / 100);
    await expectAccessible(page, 'booking, extra time to pay');

    // the Razorpay simulator's checkout, as for the first payment, and back to the booking
    await pay.click();
    await page.getByRole('button', { name: /^Pay ₹/ }).click();
    await status('completed').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/bookings/${bookingId}`);
    await page.getByTestId('rate-job').waitFor();

    await page.getByRole('link', { name: 'Receipt' }).click();
    const extra = page.getByTestId('receipt-extra');
    await extra.waitFor();
    expect(await extra.textContent()).toContain('5 h 46 min worked, 5 h included');
    expect(errors).toEqual([]);
  });

  it('tells the customer that the professional runs late, and that their location is delayed', async () => {
    const { bookingId, customer, partner } = await assignedJobSignedIn(platform);
    const job = jobAt(platform.baseUrl);
    const door = await job.doorOf(customer.token, bookingId);
    const { page, errors } = await openCustomerBooking(browser, platform, customer.id, bookingId);
    await page.getByTestId('assigned-partner').waitFor();

    expect((await dispatchAt(platform.baseUrl).onMyWay(partner.token, bookingId)).status).toBe(200);
    await page.getByTestId('tracking-map').waitFor();
    const now = () => clock.now().getTime();
    await job.positions(partner.token, bookingId, [
      fixNear(door, 3000, 15, now()),
      fixNear(door, 2950, 5, now()),
    ]);
    await page.getByTestId('promised-arrival').waitFor();
    expect(await page.getByTestId('punctuality').count()).toBe(0);

    // ten minutes on, the partner has not moved: the ETA is ten minutes past the promise
    clock.advance(600_000);
    await job.positions(partner.token, bookingId, [fixNear(door, 2950, 1, now())]);
    const late = page.getByTestId('punctuality');
    await late.waitFor();
    expect(await late.textContent()).toMatch(/^Running about \d+ min late$/);

    // a minute without a fix: the map's position is stale, and the customer is told so
    clock.advance(60_000);
    await page.getByTestId('location-delayed').waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'booking, late and location delayed, dark theme');

    // after a reload the same, from the server's view
    await page.reload();
    await page.getByTestId('location-delayed').waitFor();
    await page.getByTestId('punctuality').waitFor();
    expect(errors).toEqual([]);
  });
});
