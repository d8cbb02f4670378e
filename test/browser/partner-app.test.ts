import { randomUUID } from 'node:crypto';
import { demoCity } from '@zefy/demo-city';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/api.ts';
import { openSignedIn, phone } from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
import { holdFor } from '../support/booking.ts';
import { launchChromium } from '../support/chromium.ts';
import { approvedPartner, dispatchAt, payForHold, worksAroundTheClock } from '../support/dispatch.ts';
import { randomPhone } from '../support/identity.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const partner = demoCity.identity.partners[0] as (typeof demoCity.identity.partners)[number];

/** The partner's seeded hours for today in Bengaluru, as the home screen shows them ("08:00–20:00"). */
function seededHoursToday(): string {
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'Asia/Kolkata' })
    .format(new Date())
    .toLowerCase() as 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  const schedule = demoCity.booking.schedules.find((entry) => entry.partnerId === partner.id);
  const ranges = schedule?.weekly[weekday] ?? [];
  return ranges.length === 0 ? 'Off' : ranges.map((range) => `${range.start}–${range.end}`).join(', ');
}
const ring = demoCity.locations.hubs.find((hub) => hub.id === partner.hubId)?.polygon.coordinates[0] ?? [];
// the middle of the partner's hub: on duty inside it
const inHub = {
  latitude: ring.reduce((sum, [, lat]) => sum + (lat ?? 0), 0) / ring.length,
  longitude: ring.reduce((sum, [lng]) => sum + (lng ?? 0), 0) / ring.length,
};
const ownServices = demoCity.catalog.services.filter((service) => partner.skills.includes(service.id));

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    // heartbeats every 4 s instead of 20: the test sees them while it walks the other screens
    startPlatform({ env: { BOOKING_PRESENCE_FRESH_SECONDS: '12' } }),
    launchChromium(),
  ]);
  await platform.seedDemoCity();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** The partner app on a phone that has not been asked for its location yet; page errors recorded. */
async function openPartnerApp(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${platform.baseUrl}/partner/`);
  return { page, errors };
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const path = (page: Page) => new URL(page.url()).pathname;

/** A step of the journey: the screen is at its own URL, survives a reload, and has no serious a11y problem. */
async function arrive(page: Page, screen: { title: string; url: string }) {
  await heading(page, screen.title).waitFor();
  expect(path(page)).toBe(screen.url);
  await page.reload();
  await heading(page, screen.title).waitFor();
  expect(path(page)).toBe(screen.url);
  expect(await page.title()).toBe(`${screen.title} · Zefy Partner`);
  await expectAccessible(page, screen.title);
}

const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });

describe('partner app', () => {
  it('walks the main journey with a URL per screen, the back button a step back and a reload at every step', async () => {
    const { page, errors } = await openPartnerApp();

    // a number that is no partner is told how to join, not "code sent"
    await heading(page, 'Partner login').waitFor();
    await expectAccessible(page, 'Partner login');
    await page.getByLabel('Mobile number').fill(randomPhone());
    await page.getByRole('button', { name: 'Send code' }).click();
    const notAPartner = page.getByTestId('not-a-partner');
    await notAPartner.waitFor();
    expect(await notAPartner.textContent()).toMatch(/not registered as a Zefy partner.*join/);
    expect(await page.getByTestId('code-login').count()).toBe(0);
    await expectAccessible(page, 'Partner login, not a partner');

    // the partner's own number: the code from the development inbox, then home at the same URL
    await page.getByLabel('Mobile number').fill(partner.phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    const code = (await page.getByTestId('dev-sms-code').textContent()) ?? '';
    await page.getByLabel('6-digit code').fill(code);
    await page.getByRole('button', { name: 'Log in' }).click();
    await arrive(page, { title: 'Home', url: '/partner/' });
    const dutySwitch = page.getByRole('switch', { name: 'On duty' });
    expect(await dutySwitch.getAttribute('aria-checked')).toBe('false');
    expect(await page.getByTestId('duty-badge').textContent()).toBe('Off duty');

    // location refused: said plainly, and the partner stays off duty
    await dutySwitch.click();
    const problem = page.getByTestId('duty-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Zefy cannot see your location');
    expect(await problem.textContent()).not.toMatch(/network/i);
    expect(await dutySwitch.getAttribute('aria-checked')).toBe('false');
    await expectAccessible(page, 'Home, location refused');

    // location allowed: on duty, and still on duty after a reload
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation(inHub);
    await dutySwitch.click();
    await page.getByTestId('presence-state').filter({ hasText: 'You are on duty' }).waitFor();
    expect(await dutySwitch.getAttribute('aria-checked')).toBe('true');
    expect(await problem.count()).toBe(0);
    await arrive(page, { title: 'Home', url: '/partner/' });
    await page.getByTestId('presence-state').filter({ hasText: 'You are on duty' }).waitFor();
    expect(await page.getByTestId('duty-badge').textContent()).toBe('On duty');
    // the demo city gives every partner working hours: today's, in the hub's time zone
    expect(await page.getByTestId('today-hours').textContent()).toBe(seededHoursToday());

    // working hours, from a blank week: Monday's hours copied to every day, a mistake shown on its own row
    const blankWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const cleared = await fetch(`${platform.baseUrl}/api/v1/partner/schedule`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await platform.tokenFor('partner', partner.id)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ weekly: blankWeek, daysOff: [] }),
    });
    expect(cleared.status).toBe(200);
    await tab(page, 'Hours').click();
    await arrive(page, { title: 'Working hours', url: '/partner/schedule' });
    // on duty, the app keeps sending heartbeats whatever screen is open
    await page.waitForRequest(
      (request) => request.method() === 'PUT' && request.url().endsWith('/api/v1/partner/presence'),
    );
    const editor = page.getByTestId('schedule-editor');
    const monday = editor.getByTestId('schedule-day-mon');
    await monday.getByRole('button', { name: 'Add hours' }).click();
    await monday.getByRole('button', { name: 'Copy to all days' }).click();
    expect(await editor.getByTestId('hours-row').count()).toBe(7);
    const tuesday = editor.getByTestId('schedule-day-tue');
    expect(await tuesday.getByLabel('Starts').inputValue()).toBe('09:00');
    await tuesday.getByLabel('Ends').fill('08:00');
    await editor.getByRole('button', { name: 'Save working hours' }).click();
    const rowError = tuesday.getByTestId('hours-row').getByTestId('field-error');
    await rowError.waitFor();
    expect(await rowError.textContent()).toBe('These hours end before they start');
    expect(await editor.getByTestId('field-error').count()).toBe(1);
    expect(await tuesday.getByLabel('Ends').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'Working hours with a mistake');
    await tuesday.getByLabel('Ends').fill('17:00');
    expect(await editor.getByTestId('field-error').count()).toBe(0);
    await editor.getByRole('button', { name: 'Save working hours' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Working hours saved' }).waitFor();
    await arrive(page, { title: 'Working hours', url: '/partner/schedule' });
    expect(await tuesday.getByLabel('Ends').inputValue()).toBe('17:00');
    expect(await editor.getByTestId('schedule-day-sun').getByLabel('Ends').inputValue()).toBe('18:00');

    // back goes a step back in the app, forward returns
    await page.goBack();
    await heading(page, 'Home').waitFor();
    expect(await page.getByTestId('today-hours').textContent()).toMatch(/^09:00–1[78]:00$/);
    await page.goForward();
    await heading(page, 'Working hours').waitFor();

    // services: the partner's own skills only
    await tab(page, 'Services').click();
    await arrive(page, { title: 'Your services', url: '/partner/services' });
    const rows = page.getByTestId('service-row');
    await rows.first().waitFor();
    expect(
      (await rows.allTextContents()).map((text) => ownServices.find((s) => text.includes(s.name))?.id),
    ).toEqual(expect.arrayContaining(ownServices.map((service) => service.id)));
    expect(await rows.count()).toBe(ownServices.length);

    // notifications and profile
    await tab(page, 'Inbox').click();
    await arrive(page, { title: 'Notifications', url: '/partner/notifications' });
    await tab(page, 'Profile').click();
    await arrive(page, { title: 'Profile', url: '/partner/profile' });
    expect(await page.getByTestId('partner-name').textContent()).toBe(partner.name);
    expect(await page.getByTestId('partner-status').textContent()).toBe('Approved for work');

    await page.goBack();
    await heading(page, 'Notifications').waitFor();
    await page.goBack();
    await heading(page, 'Your services').waitFor();
    await page.goBack();
    await heading(page, 'Working hours').waitFor();
    await page.goBack();
    await heading(page, 'Home').waitFor();
    expect(path(page)).toBe('/partner/');

    // off duty from home, reached by its tab, then out
    await tab(page, 'Profile').click();
    await heading(page, 'Profile').waitFor();
    await tab(page, 'Home').click();
    await arrive(page, { title: 'Home', url: '/partner/' });
    await page.getByRole('switch', { name: 'On duty' }).click();
    await page.getByTestId('presence-state').filter({ hasText: 'You are off duty' }).waitFor();
    await tab(page, 'Profile').click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await heading(page, 'Partner login').waitFor();
    expect(path(page)).toBe('/partner/');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('follows a dark system setting, as readable as the light theme on every main screen', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      colorScheme: 'dark',
      serviceWorkers: 'block',
      geolocation: inHub,
      permissions: ['geolocation'],
    });
    const session = JSON.stringify(await platform.signIn('partner', partner.id));
    await context.addInitScript(`localStorage.setItem('zefy.partner.session', ${JSON.stringify(session)})`);
    // the first test left the partner on duty: off again, so the switch's click has one outcome
    await dispatchAt(platform.baseUrl).offDuty(await platform.tokenFor('partner', partner.id));
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/partner/`);
    await page.getByTestId('presence-state').filter({ hasText: 'You are off duty' }).waitFor();
    await page.getByRole('switch', { name: 'On duty' }).click();
    await page.getByTestId('presence-state').filter({ hasText: 'You are on duty' }).waitFor();
    await expectAccessible(page, 'Home (dark)');
    for (const [name, title] of [
      ['Jobs', 'Assigned jobs'],
      ['Hours', 'Working hours'],
      ['Services', 'Your services'],
      ['Inbox', 'Notifications'],
      ['Profile', 'Profile'],
    ] as const) {
      await tab(page, name).click();
      await heading(page, title).waitFor();
      await page.getByTestId('spinner').first().waitFor({ state: 'detached' });
      await expectAccessible(page, `${title} (dark)`);
    }
    await context.close();
  });

  it('opens a job the team gave the partner from its entry in their inbox', async () => {
    const customer = { role: 'customer' as const, id: randomUUID() };
    const given = { id: randomUUID() };
    const hold = await holdFor(platform, customer);
    await approvedPartner(platform, { id: given.id, hubId: hold.hubId, skills: [hold.serviceId] });
    await worksAroundTheClock(platform, given.id);
    await payForHold(platform.baseUrl, await platform.tokenFor('customer', customer.id), hold);
    // once the payment has confirmed the booking
    await eventually(async () => {
      const assigned = await dispatchAt(platform.baseUrl).assign(platform.adminToken, hold.id, {
        partnerId: given.id,
        reason: 'The customer asked for them',
        expectedPartnerId: null,
      });
      if (assigned.status !== 200) throw new Error(`assign: ${assigned.status} ${await assigned.text()}`);
    });

    const { page, errors } = await openSignedIn(
      browser,
      platform,
      `${platform.baseUrl}/partner/notifications`,
      { role: 'partner', id: given.id },
      { viewport: phone },
    );
    const entry = page.getByRole('link', { name: /^A job was assigned to you/ });
    await entry.waitFor();
    await tab(page, 'Inbox').getByTestId('nav-badge').getByText('1').waitFor();
    await expectAccessible(page, 'Notifications, a job given');
    await entry.click();
    await heading(page, 'Your job').waitFor();
    expect(path(page)).toBe(`/partner/jobs/${hold.id}`);
    await page.getByTestId('job').waitFor();
    // opened, so read: the tab counts nothing unread
    await tab(page, 'Inbox').getByTestId('nav-badge').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
