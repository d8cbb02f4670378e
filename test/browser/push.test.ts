import { randomUUID } from 'node:crypto';
import type { Device } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { type FcmSimulator, startFcmSimulator } from '@zefy/stand-ins/fcm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { launchChromium } from '../support/chromium.ts';
import { offeredJobOf } from '../support/dispatch.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const partner = demoCity.identity.partners[0] as (typeof demoCity.identity.partners)[number];

let platform: TestPlatform;
let browser: Browser;
let fcm: FcmSimulator;

beforeAll(async () => {
  // the stand-in outside the platform, so the test reads what reached it
  fcm = await startFcmSimulator({ projectId: 'zefy-push-test', accessToken: 'push-test-token' });
  [platform, browser] = await Promise.all([
    startPlatform({
      env: { FCM_BASE_URL: fcm.url, FCM_PROJECT_ID: 'zefy-push-test', FCM_ACCESS_TOKEN: 'push-test-token' },
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

async function devicesOfPartner(): Promise<Device[]> {
  const response = await apiAt(platform.baseUrl)('/api/v1/me/devices', {
    token: await platform.tokenFor('partner', partner.id),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Device[] }).items;
}

describe('push devices', () => {
  it('registers the partner app on sign-in, pushes an offer to its token, and unregisters it on logout', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/partner/`);
    await page.getByLabel('Mobile number').fill(partner.phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('6-digit code').fill((await page.getByTestId('dev-sms-code').textContent()) ?? '');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();

    // one web device, with the FCM simulator's token for this install
    const device = await eventually(async () => {
      const [registered, ...others] = await devicesOfPartner();
      if (!registered) throw new Error('no device registered yet');
      expect(others).toEqual([]);
      return registered;
    });
    expect(device.platform).toBe('web');
    expect(device.token).toBe(`zefy-sim:${device.deviceId}`);
    // a reload is an app open: the same device, not a second one
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect((await devicesOfPartner()).map((each) => each.deviceId)).toEqual([device.deviceId]);

    // an offer for the partner reaches the FCM stand-in addressed to that token
    const { offer } = await offeredJobOf(platform, { role: 'customer', id: randomUUID() }, partner.id);
    const pushed = await eventually(async () => {
      const [send] = fcm.delivered(device.token);
      if (!send) throw new Error('no push yet');
      return send;
    });
    expect(JSON.stringify(pushed)).toContain(offer.offerId);

    // logout forgets the device (while the session still works)
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner login' }).waitFor();
    expect(await devicesOfPartner()).toEqual([]);
    await context.close();
  });
});
