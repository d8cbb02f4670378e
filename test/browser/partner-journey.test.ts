import { randomUUID } from 'node:crypto';
import { demoCity } from '@zefy/demo-city';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedOut, phone, reloadBackForward } from '../support/apps.ts';
import { paidBookingFor } from '../support/booking.ts';
import { launchChromium } from '../support/chromium.ts';
import { demoJob } from '../support/dispatch.ts';
import { jobAt } from '../support/job-http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// the demo partner a booking at the demo home is offered to, with the phone they log in with
const partner = demoCity.identity.partners.find((candidate) => candidate.id === demoJob.partner.id) as {
  id: string;
  phone: string;
};

// the phone, inside the demo home's hub but too far from the door for tracking to say the partner has arrived
const aboutAKilometreNorth = {
  latitude: demoJob.home.lat + 0.009,
  longitude: demoJob.home.lng,
  accuracy: 10,
};

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform({
      env: {
        // the offer stays open while the test reloads and goes back and forth
        BOOKING_DISPATCH_OFFER_WINDOW_SECONDS: '300',
        // every reload fetches the screen again
        RATE_LIMIT_PER_MINUTE: '1000000',
      },
    }),
    launchChromium(),
  ]);
  await platform.seedDemoCity();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });

describe('the partner app', () => {
  it('walks the partner from login through an offer and a whole job to their history, with the back button a step back and a reload at every step', async () => {
    const { page, errors } = await openSignedOut(browser, `${platform.baseUrl}/partner/`, {
      viewport: phone,
      geolocation: aboutAKilometreNorth,
    });

    // log in with the code from the development inbox: home, and still home after a reload
    await page.getByLabel('Mobile number').fill(partner.phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('6-digit code').fill((await page.getByTestId('dev-sms-code').textContent()) ?? '');
    await page.getByRole('button', { name: 'Log in' }).click();
    const offDuty = page.getByTestId('presence-state').filter({ hasText: 'You are off duty' });
    await offDuty.waitFor();
    await page.reload();
    await offDuty.waitFor();
    expect(await heading(page, 'Home').count()).toBe(1);

    // on duty, still after a reload; the jobs tab is a step of its own, back returns home on duty
    await page.getByRole('switch', { name: 'On duty' }).click();
    const onDuty = page.getByTestId('presence-state').filter({ hasText: 'You are on duty' });
    await onDuty.waitFor();
    await page.reload();
    await onDuty.waitFor();
    await tab(page, 'Jobs').click();
    const noJobs = page.getByTestId('empty-state').filter({ hasText: 'No jobs yet' });
    await noJobs.waitFor();
    expect(await heading(page, 'Assigned jobs').count()).toBe(1);
    await reloadBackForward(page, noJobs, onDuty);
    await tab(page, 'Home').click();
    await onDuty.waitFor();

    // a customer pays for a booking at the demo home: its offer arrives on home, and stays there on reload
    const customer = { role: 'customer' as const, id: randomUUID() };
    const booking = await paidBookingFor(platform, customer);
    const offer = page.locator(`[data-testid=offer-card][data-booking-id="${booking.id}"]`);
    await offer.waitFor({ timeout: 20_000 });
    const earning = (await offer.getByTestId('offer-earning').textContent()) ?? '';
    await reloadBackForward(page, offer, heading(page, 'Assigned jobs'));

    // accepted: the job at its own URL; back is home, forward the job again
    await offer.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL(`**/partner/jobs/${booking.id}`);
    const assigned = page.getByTestId('job-assigned');
    await assigned.waitFor();
    expect(await page.getByTestId('job-earning').textContent()).toBe(earning);
    await reloadBackForward(page, assigned, onDuty);

    // on my way: the position is shared, after a reload too
    await page.getByTestId('on-my-way').click();
    const onTheWay = page.getByTestId('job-step').filter({ hasText: 'On your way' });
    await onTheWay.waitFor();
    await reloadBackForward(page, onTheWay, onDuty);
    expect(await onTheWay.textContent()).toContain('Sharing your location with the customer');

    // at the door: the start code the customer reads out
    await page.getByTestId('arrived').click();
    const startForm = page.getByTestId('start-otp-form');
    await startForm.waitFor();
    await reloadBackForward(page, startForm, onDuty);
    const job = jobAt(platform.baseUrl);
    const codes = await job.issuedCodes(await platform.tokenFor('customer', customer.id), booking.id);
    await startForm.getByLabel('Start code').fill(codes.start);
    await startForm.getByRole('button', { name: 'Start job' }).click();

    // working: the server's timer, which a reload resumes
    const timer = page.getByTestId('job-timer');
    await timer.waitFor();
    await reloadBackForward(page, timer, onDuty);
    expect(await timer.textContent()).toMatch(/^\d{2}:\d{2}$/);
    const endForm = page.getByTestId('end-otp-form');
    await endForm.getByLabel('End code').fill(codes.end);
    await endForm.getByRole('button', { name: 'End job' }).click();

    // done
    const completed = page.getByTestId('job-completed');
    await completed.waitFor();
    await reloadBackForward(page, completed, onDuty);
    expect(await page.getByTestId('worked-minutes').textContent()).toMatch(/^\d+ minutes$/);

    // history: the job and its earning, the table within a phone's width; back is the finished job
    await tab(page, 'History').click();
    const completedJobs = page.getByTestId('completed-jobs');
    const thisJob = completedJobs.locator('tbody tr').filter({ hasText: demoJob.service.name });
    await thisJob.waitFor();
    expect(await thisJob.textContent()).toContain(earning);
    await page.getByTestId('earnings-day').waitFor();
    expect(new URL(page.url()).pathname).toBe('/partner/history');
    await reloadBackForward(page, thisJob, completed);
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );

    expect(errors).toEqual([]);
    await page.context().close();
  });
});
