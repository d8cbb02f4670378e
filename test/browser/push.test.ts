import { randomUUID } from 'node:crypto';
import type { Device } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { type FcmSimulator, startFcmSimulator } from '@zefy/stand-ins/fcm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { openSignedIn, openSignedOut, phone } from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
import { demoHome } from '../support/booking.ts';
import { launchChromium } from '../support/chromium.ts';
import { dispatchAt, offeredJobOf } from '../support/dispatch.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const partner = demoCity.identity.partners[0] as (typeof demoCity.identity.partners)[number];
const appUrls = { user: 'https://zefy.example/', partner: 'https://zefy.example/partner/' };

let platform: TestPlatform;
let browser: Browser;
let fcm: FcmSimulator;

beforeAll(async () => {
  // the stand-in outside the platform, so the test reads what reached it
  fcm = await startFcmSimulator({ projectId: 'zefy-push-test', accessToken: 'push-test-token' });
  [platform, browser] = await Promise.all([
    startPlatform({
      env: {
        FCM_BASE_URL: fcm.url,
        FCM_PROJECT_ID: 'zefy-push-test',
        FCM_ACCESS_TOKEN: 'push-test-token',
        USER_APP_URL: appUrls.user,
        PARTNER_APP_URL: appUrls.partner,
      },
    }),
    launchChromium(),
  ]);
  await platform.seedDemoCity();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await fcm?.close();
});

async function devicesOf(role: 'customer' | 'partner', id: string): Promise<Device[]> {
  const response = await apiAt(platform.baseUrl)('/api/v1/me/devices', {
    token: await platform.tokenFor(role, id),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Device[] }).items;
}

/** The one device `role` `id` has registered, once there is one. */
const registeredDevice = (role: 'customer' | 'partner', id: string) =>
  eventually(async () => {
    const [registered, ...others] = await devicesOf(role, id);
    if (!registered) throw new Error('no device registered yet');
    expect(others).toEqual([]);
    return registered;
  });

interface SentPush {
  notification?: { title: string };
  webpush?: { fcm_options?: { link: string } };
}

/** The first push the FCM stand-in accepted for `token` (titled `title`, when given), once there is one. */
const pushTo = (token: string, title?: string) =>
  eventually(async () => {
    const push = fcm
      .delivered(token)
      .map((send) => send.message as SentPush)
      .find((message) => title === undefined || message.notification?.title === title);
    if (!push) throw new Error(`no push${title ? ` "${title}"` : ''} yet`);
    return push;
  });

describe('push devices', () => {
  it('registers the partner app once notifications are allowed on going on duty, pushes an offer to its token, and unregisters it on logout', async () => {
    const { page, errors } = await openSignedOut(browser, `${platform.baseUrl}/partner/`, {
      viewport: phone,
      notifications: 'allowed-when-asked',
    });
    await page.getByLabel('Mobile number').fill(partner.phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('6-digit code').fill((await page.getByTestId('dev-sms-code').textContent()) ?? '');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await page.getByTestId('presence-state').waitFor();
    // no token before notifications are allowed (FCM gives none, nor does its stand-in's source)
    expect(await devicesOf('partner', partner.id)).toEqual([]);

    // going on duty asks (the switch is the gesture); allowed, the device is registered at once
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: demoHome.lat, longitude: demoHome.lng });
    await page.getByRole('switch', { name: 'On duty' }).click();
    await page.getByTestId('presence-state').filter({ hasText: 'You are on duty' }).waitFor();
    expect(await page.evaluate('Notification.permission')).toBe('granted');
    const device = await registeredDevice('partner', partner.id);
    expect(device.platform).toBe('web');
    expect(device.token).toBe(`zefy-sim:${device.deviceId}`);
    // a reload is an app open: the same device, not a second one
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect((await devicesOf('partner', partner.id)).map((each) => each.deviceId)).toEqual([device.deviceId]);

    // an offer for the partner reaches the FCM stand-in addressed to that token, a tap opening the offers
    const { offer } = await offeredJobOf(platform, { role: 'customer', id: randomUUID() }, partner.id);
    const pushed = await pushTo(device.token);
    expect(JSON.stringify(pushed)).toContain(offer.offerId);
    expect(pushed.webpush?.fcm_options?.link).toBe(appUrls.partner);

    // logout forgets the device (while the session still works)
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner login' }).waitFor();
    expect(await devicesOf('partner', partner.id)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("offers the customer notifications on their booking while it searches, registers the device once they allow them, and pushes the booking's news to it", async () => {
    const customer = { role: 'customer' as const, id: randomUUID() };
    const { offer, token: partnerToken } = await offeredJobOf(platform, customer, randomUUID());
    const bookingUrl = `${platform.baseUrl}/bookings/${offer.bookingId}`;

    // refused (headless Chromium refuses when asked): the offer goes, and there is no device
    const refusing = await openSignedIn(browser, platform, bookingUrl, customer, { viewport: phone });
    const offered = refusing.page.getByTestId('notify-me');
    await offered.getByRole('button', { name: 'Notify me' }).click();
    await offered.waitFor({ state: 'detached' });
    expect(await refusing.page.evaluate('Notification.permission')).toBe('denied');
    await refusing.page.reload();
    await refusing.page.getByTestId('finding-professional').waitFor();
    expect(await offered.count()).toBe(0);
    await refusing.page.context().close();

    const { page, errors } = await openSignedIn(browser, platform, bookingUrl, customer, {
      viewport: phone,
      notifications: 'allowed-when-asked',
    });
    const notifyMe = page.getByTestId('notify-me');
    await notifyMe.waitFor();
    expect(await notifyMe.textContent()).toContain('Get a notification when a partner is assigned');
    await expectAccessible(page, 'booking, searching, notifications not asked yet');
    expect(await devicesOf('customer', customer.id)).toEqual([]);

    // the tap asks; allowed, the offer goes and the device is registered
    await notifyMe.getByRole('button', { name: 'Notify me' }).click();
    await notifyMe.waitFor({ state: 'detached' });
    expect(await page.evaluate('Notification.permission')).toBe('granted');
    const device = await registeredDevice('customer', customer.id);
    expect(device.token).toBe(`zefy-sim:${device.deviceId}`);
    // answered: not offered again
    await page.reload();
    await page.getByTestId('finding-professional').waitFor();
    expect(await notifyMe.count()).toBe(0);

    // a partner accepts: the customer's device is told, a tap opening their booking
    expect((await dispatchAt(platform.baseUrl).accept(partnerToken, offer.offerId)).status).toBe(200);
    const pushed = await pushTo(device.token, 'Your partner is assigned');
    expect(pushed.webpush?.fcm_options?.link).toBe(`${appUrls.user}bookings/${offer.bookingId}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
