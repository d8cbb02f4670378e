import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import {
  bookAndPay,
  desktop,
  type OpenedApp,
  openDemoJobStage,
  openSignedIn,
  phone,
} from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
import { paidBookingFor } from '../support/booking.ts';
import { approvedPartner, approvedPartnerName, demoJob, worksAroundTheClock } from '../support/dispatch.ts';
import type { TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');
const { customer, home, service, partner } = demoJob;

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await openDemoJobStage(
    {
      // the offer stays open while the test walks the other two apps
      BOOKING_DISPATCH_OFFER_WINDOW_SECONDS: '300',
      // a slot is escalated a day before it must have its partner, but no sooner than a "now" booking:
      // five seconds after the payment, while the console watches
      BOOKING_DISPATCH_SLOT_ESCALATE_LEAD_MINUTES: '1440',
      BOOKING_DISPATCH_ESCALATE_AFTER_SECONDS: '5',
    },
    screenshotDir,
  );
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** An app at `url` signed in as the principal, the device at the customer's home. */
const openApp = (
  url: string,
  principal: { role: 'customer' | 'partner' | 'admin'; id?: string },
  viewport = phone,
) =>
  openSignedIn(browser, platform, url, principal, {
    viewport,
    geolocation: { latitude: home.lat, longitude: home.lng },
  });

describe('dispatch in the browser', () => {
  it('offers a paid booking to the partner on duty, who accepts it; the customer sees who is coming and the console queue clears', async () => {
    const consoleApp = await openApp(`${platform.baseUrl}/admin/dispatch`, { role: 'admin' }, desktop);
    await consoleApp.page.getByRole('heading', { level: 1, name: 'Dispatch queue' }).waitFor();

    const partnerApp = await openApp(`${platform.baseUrl}/partner/`, { role: 'partner', id: partner.id });
    await partnerApp.page.getByRole('switch', { name: 'On duty' }).click();
    await partnerApp.page.getByTestId('presence-state').filter({ hasText: 'You are on duty' }).waitFor();

    const userApp = await openApp(`${platform.baseUrl}/services/${service.id}/book`, {
      role: 'customer',
      id: customer.id,
    });
    const bookingId = await bookAndPay(userApp.page);

    // the customer: searching, with the time since the payment
    const finding = userApp.page.getByTestId('finding-professional');
    await finding.waitFor();
    expect(await finding.getByTestId('searching-since').textContent()).toMatch(/Searching for \d+:\d\d/);
    await expectAccessible(userApp.page, 'Booking, finding a professional');

    // the console: the booking waits in the queue (live), with its wait against the promise and its candidates;
    // its escalation rings, is said in a banner and highlights its row
    const queueRow = consoleApp.page.locator(`[data-testid=dispatch-queue-row][data-id="${bookingId}"]`);
    await queueRow.waitFor();
    expect(await queueRow.textContent()).toContain(service.name);
    await consoleApp.page
      .getByTestId('escalation-alert')
      .filter({ hasText: bookingId.slice(-8) })
      .waitFor();
    await queueRow.getByTestId('escalated').waitFor();
    expect(await queueRow.getAttribute('data-tone')).toBe('danger');
    expect(await queueRow.getByTestId('waiting').textContent()).toMatch(/^\d+:\d\d of 5:00$/);
    await queueRow.getByRole('link').click();
    await consoleApp.page.waitForURL(`**/admin/dispatch/${bookingId}`);
    const candidate = consoleApp.page.getByTestId('candidate-row').filter({ hasText: partner.name });
    await candidate.waitFor();
    expect(await candidate.textContent()).toContain('On duty');
    await expectAccessible(consoleApp.page, 'Dispatch queue with candidates');
    await consoleApp.page.screenshot({
      path: path.join(screenshotDir, 'admin-dispatch-queue.png'),
      fullPage: true,
    });

    // the partner: the offer arrives on the home screen, with the earning and a countdown
    const offer = partnerApp.page.locator(`[data-testid=offer-card][data-booking-id="${bookingId}"]`);
    await offer.waitFor({ timeout: 20_000 });
    expect(await offer.getByTestId('offer-earning').textContent()).toMatch(/^₹[\d,]+/);
    expect(await offer.getByTestId('offer-countdown').textContent()).toMatch(/^\d:\d\d/);
    await expectAccessible(partnerApp.page, 'Home with a job offer');
    await partnerApp.page.screenshot({ path: path.join(screenshotDir, 'partner-offer.png'), fullPage: true });

    // accepting opens the job at its own URL
    await offer.getByRole('button', { name: 'Accept' }).click();
    await partnerApp.page.waitForURL(`**/partner/jobs/${bookingId}`);
    await partnerApp.page.getByTestId('job-assigned').waitFor();
    expect(await partnerApp.page.getByTestId('job').textContent()).toContain(service.name);
    await expectAccessible(partnerApp.page, 'Your job');
    await partnerApp.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Jobs' })
      .click();
    await partnerApp.page.getByRole('heading', { level: 1, name: 'Assigned jobs' }).waitFor();
    // the list loads after its heading
    await partnerApp.page.getByTestId('job').first().waitFor();
    expect(await partnerApp.page.getByTestId('job').count()).toBe(1);
    await expectAccessible(partnerApp.page, 'Assigned jobs');

    // the customer sees who is coming, live, and can call them
    const card = userApp.page.getByTestId('assigned-partner');
    await card.waitFor();
    expect(await card.getByTestId('partner-name').textContent()).toBe(partner.name);
    expect(await card.getByTestId('partner-rating').textContent()).toMatch(/\d\.\d rating/);
    expect(await card.getByTestId('call-partner').getAttribute('href')).toMatch(/^tel:\+91\d{10}$/);
    await expectAccessible(userApp.page, 'Booking with its professional');
    await userApp.page.screenshot({
      path: path.join(screenshotDir, 'user-assigned-partner.png'),
      fullPage: true,
    });
    // and after a reload, from the booking itself
    await userApp.page.reload();
    await userApp.page.getByTestId('assigned-partner').waitFor();

    // the console's queue clears
    await queueRow.waitFor({ state: 'detached' });
    await consoleApp.page.getByTestId('not-waiting').waitFor();

    expect([...consoleApp.errors, ...partnerApp.errors, ...userApp.errors]).toEqual([]);
  });

  it('offers a job to two partners at once: one accepts, the other is told it is taken, and the customer sees the one who took it', async () => {
    // two new partners of the hub working around the clock: the job is offered to both
    const [watcherId, takerId] = [randomUUID(), randomUUID()];
    for (const id of [watcherId, takerId]) {
      await approvedPartner(platform, { id, hubId: demoJob.hubId, skills: [service.id] });
      await worksAroundTheClock(platform, id);
    }
    const onDuty = async (id: string) => {
      const app = await openApp(`${platform.baseUrl}/partner/`, { role: 'partner', id });
      await app.page.getByRole('switch', { name: 'On duty' }).click();
      await app.page.getByTestId('presence-state').filter({ hasText: 'You are on duty' }).waitFor();
      return app;
    };
    const [watcherApp, takerApp] = await Promise.all([onDuty(watcherId), onDuty(takerId)]);

    // a new customer's paid booking, watched in their app while it searches
    const customerId = randomUUID();
    const booking = await paidBookingFor(platform, { role: 'customer', id: customerId });
    const userApp = await openApp(`${platform.baseUrl}/bookings/${booking.id}`, {
      role: 'customer',
      id: customerId,
    });
    await userApp.page.getByTestId('finding-professional').waitFor();

    // both partners see the offer
    const offerIn = (app: OpenedApp) =>
      app.page.locator(`[data-testid=offer-card][data-booking-id="${booking.id}"]`);
    await Promise.all([watcherApp, takerApp].map((app) => offerIn(app).waitFor({ timeout: 20_000 })));

    // one accepts in their app and gets the job
    await offerIn(takerApp).getByRole('button', { name: 'Accept' }).click();
    await takerApp.page.waitForURL(`**/partner/jobs/${booking.id}`);
    await takerApp.page.getByTestId('job-assigned').waitFor();

    // the other is told, loses the accept button, then the card goes
    const lost = offerIn(watcherApp);
    await lost.getByTestId('offer-status').filter({ hasText: 'Taken by another partner' }).waitFor();
    expect(await lost.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await expectAccessible(watcherApp.page, 'Home with an offer taken by another partner');
    await lost.waitFor({ state: 'detached' });
    await watcherApp.page.getByTestId('offers').getByTestId('empty-state').waitFor();

    // the customer sees the partner who took it, live
    const card = userApp.page.getByTestId('assigned-partner');
    await card.waitFor();
    expect(await card.getByTestId('partner-name').textContent()).toBe(approvedPartnerName(takerId));

    expect([...watcherApp.errors, ...takerApp.errors, ...userApp.errors]).toEqual([]);
  });

  it('lets the team assign a waiting booking to a candidate, with a reason, from the dispatch queue', async () => {
    const booking = await paidBookingFor(platform);
    const consoleApp = await openApp(
      `${platform.baseUrl}/admin/dispatch/${booking.id}`,
      { role: 'admin' },
      desktop,
    );
    const queueRow = consoleApp.page.locator(`[data-testid=dispatch-queue-row][data-id="${booking.id}"]`);
    await queueRow.waitFor();
    const candidate = consoleApp.page.getByTestId('candidate-row').first();
    await candidate.waitFor();
    const assign = candidate.getByRole('button', { name: /^Assign / });

    // no reason: said on the field, nothing sent
    await assign.click();
    const reason = consoleApp.page.getByLabel('Reason for assigning');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(consoleApp.page, 'Candidates, a reason missing');

    await reason.fill('Customer called: wants the partner they had before');
    await assign.click();
    await consoleApp.page
      .getByTestId('toast')
      .filter({ hasText: booking.id.slice(-8) })
      .waitFor();
    await consoleApp.page.waitForURL(/\/admin\/dispatch$/);
    await queueRow.waitFor({ state: 'detached' });
    const view = await apiAt(platform.baseUrl)(`/api/v1/bookings/${booking.id}`, {
      token: platform.adminToken,
    });
    expect(await view.json()).toMatchObject({ status: 'assigned', partner: { assignedBy: 'admin' } });
    expect(consoleApp.errors).toEqual([]);
  });
});
