import { randomUUID } from 'node:crypto';
import type { AdminBookingDetail } from '@zefy/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { desktop, openSignedIn, phone } from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
import { demoHome } from '../support/booking.ts';
import { launchChromium } from '../support/chromium.ts';
import { acceptedJob, dispatchAt } from '../support/dispatch.ts';
import { jobAt, wrongCodeFor } from '../support/job-http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

// about 2 km north of the customer's door: on the way, not there yet
const onTheWay = { latitude: demoHome.lat + 0.018, longitude: demoHome.lng };

/** An app at `url` signed in as the principal, the device on the way. */
const openApp = (url: string, principal: { role: 'partner' | 'admin'; id?: string }, viewport = phone) =>
  openSignedIn(browser, platform, url, principal, { viewport, geolocation: { ...onTheWay, accuracy: 10 } });

async function customerTokenOf(bookingId: string): Promise<string> {
  const detail = (await (
    await apiAt(platform.baseUrl)(`/api/v1/admin/bookings/${bookingId}`, { token: platform.adminToken })
  ).json()) as AdminBookingDetail;
  return platform.tokenFor('customer', detail.booking.customerId);
}

describe('the job in the partner app and the console', () => {
  it('walks an assigned job: on my way with positions shared, arrived, start code, the timer, end code, rating', async () => {
    const partnerId = randomUUID();
    const { bookingId, token } = await acceptedJob(platform, partnerId);
    const customerToken = await customerTokenOf(bookingId);
    const job = jobAt(platform.baseUrl);
    const { page, errors } = await openApp(`${platform.baseUrl}/partner/jobs/${bookingId}`, {
      role: 'partner',
      id: partnerId,
    });

    await page.getByTestId('job-assigned').waitFor();
    expect(await page.getByTestId('navigate').getAttribute('href')).toBe(
      `https://www.google.com/maps/dir/?api=1&destination=${demoHome.lat},${demoHome.lng}`,
    );
    await expectAccessible(page, 'job: assigned');

    await page.getByTestId('on-my-way').click();
    await page.getByTestId('sharing-location').waitFor();
    // the phone's position reaches tracking
    const tracked = await eventually(async () => {
      const live = await job.tracking(token, bookingId);
      if (!live.position) throw new Error('no position yet');
      return live;
    }, 20_000);
    expect(tracked.position).toMatchObject({ lat: onTheWay.latitude, lng: onTheWay.longitude });
    expect(tracked.status).toBe('en_route');
    await expectAccessible(page, 'job: on the way');

    await page.getByTestId('arrived').click();
    const startForm = page.getByTestId('start-otp-form');
    await startForm.waitFor();

    const codes = await job.otps(customerToken, bookingId);
    const startCode = codes.start?.code as string;
    // a wrong code is said in plain words, with the tries left
    await startForm.getByLabel('Start code').fill(wrongCodeFor(startCode));
    await startForm.getByRole('button', { name: 'Start job' }).click();
    await startForm.getByText('4 tries left').waitFor();
    await expectAccessible(page, 'job: a wrong start code');

    await startForm.getByLabel('Start code').fill(startCode);
    await startForm.getByRole('button', { name: 'Start job' }).click();
    await page.getByTestId('job-timer').waitFor();
    // the timer is the server's: it survives a reload
    await page.reload();
    expect(await page.getByTestId('job-timer').textContent()).toMatch(/^\d{2}:\d{2}$/);
    await expectAccessible(page, 'job: in progress');

    const endForm = page.getByTestId('end-otp-form');
    await endForm.getByLabel('End code').fill(codes.end?.code as string);
    await endForm.getByRole('button', { name: 'End job' }).click();
    await page.getByTestId('job-completed').waitFor();
    expect(await page.getByTestId('worked-minutes').textContent()).toMatch(/^\d+ minutes$/);
    expect(await page.getByTestId('extra-due').textContent()).toBe('₹0');
    await expectAccessible(page, 'job: completed');

    const rating = page.getByTestId('rate-customer');
    await rating.getByRole('radio', { name: '5 stars' }).check();
    await rating.getByRole('button', { name: 'Rate the customer' }).click();
    await page.getByTestId('customer-rated').waitFor();
    // once only: the server keeps the first
    const again = await apiAt(platform.baseUrl)(`/api/v1/partner/jobs/${bookingId}/rating`, {
      method: 'POST',
      token,
      json: { stars: 1 },
    });
    expect(again.status).toBe(409);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'History' }).click();
    await page.getByTestId('completed-jobs').waitFor();
    expect(await page.getByTestId('completed-jobs').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('jobs-done').textContent()).toContain('1');
    await page.getByTestId('earnings-day').waitFor();
    await expectAccessible(page, 'history');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'history, dark');
    expect(errors).toEqual([]);
  });

  it('shows the console a job on the way on its map with the ETA, and lets an admin issue new codes after a lock', async () => {
    const partnerId = randomUUID();
    const { bookingId, token } = await acceptedJob(platform, partnerId);
    const dispatch = dispatchAt(platform.baseUrl);
    const job = jobAt(platform.baseUrl);
    expect((await dispatch.onMyWay(token, bookingId)).status).toBe(200);
    // tracking learns of "On my way" from booking's event: until then it answers 409 not en route
    await eventually(async () => {
      const upload = await job.uploadPosition(token, bookingId, {
        lat: onTheWay.latitude,
        lng: onTheWay.longitude,
      });
      expect(upload.status).toBe(200);
    }, 10_000);

    const { page, errors } = await openApp(
      `${platform.baseUrl}/admin/bookings/${bookingId}`,
      { role: 'admin' },
      desktop,
    );
    const live = page.getByTestId('live-tracking');
    await live.getByTestId('tracking-map').waitFor();
    const markers = live.getByTestId('tracking-map-markers').locator('li');
    await eventually(async () => expect(await markers.count()).toBe(2), 10_000);
    expect(await markers.evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')))).toEqual(
      ['destination', 'partner'],
    );
    await live
      .getByTestId('tracking-eta')
      .getByText(/^in \d+ min|any moment/)
      .waitFor();
    expect(await page.getByTestId('job-state').textContent()).toBe('en route');
    await expectAccessible(page, 'console: booking on the way');

    // the live map has the job too
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Live map' }).click();
    await page
      .getByTestId('en-route-jobs')
      .getByRole('link', { name: bookingId.slice(-8) })
      .waitFor();
    await expectAccessible(page, 'console: live map');
    await page.goBack();

    // the partner at the door types five wrong codes: locked
    expect((await dispatch.arrived(token, bookingId)).status).toBe(200);
    const customerToken = await customerTokenOf(bookingId);
    const { start } = await job.otps(customerToken, bookingId);
    for (let attempt = 0; attempt < 5; attempt++)
      await job.enterOtp(token, bookingId, 'start', wrongCodeFor(start?.code as string));
    await page.getByTestId('otp-locked').waitFor();
    await expectAccessible(page, 'console: codes locked');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'console: codes locked, dark');

    const reissue = page.getByTestId('reissue-codes');
    await reissue.getByRole('button', { name: 'Issue new codes' }).click();
    await reissue.getByText('Say why you issue new codes').waitFor();
    await reissue.getByLabel('Reason for new codes').fill('Customer called: the partner mistyped');
    await reissue.getByRole('button', { name: 'Issue new codes' }).click();
    await page.getByTestId('otp-locked').waitFor({ state: 'detached' });
    await page.getByTestId('booking-timeline').getByText('New codes issued').waitFor();

    // the customer's new start code lets the partner in
    const fresh = await job.otps(customerToken, bookingId);
    expect(fresh.isLocked).toBe(false);
    expect((await job.enterOtp(token, bookingId, 'start', fresh.start?.code as string)).status).toBe(200);
    await page.getByTestId('job-running').waitFor();
    expect(errors).toEqual([]);
  });
});
