import type { Browser, BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/api.ts';
import { launchChromium } from '../support/chromium.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

interface Shown {
  title: string;
  body: string;
  tag: string;
}

/** A message as FCM's web push hands it to the service worker (see /work/shared/specs/fcm.md, web clients). */
function fcmWebPush(notification: Shown, data: Record<string, string>) {
  return JSON.stringify({
    notification,
    data,
    fcmOptions: { link: `${platform.baseUrl}/partner/` },
    from: '42',
    collapse_key: 'do_not_collapse',
    fcmMessageId: crypto.randomUUID(),
  });
}

/** The partner app installed (its service worker active), notifications allowed, and CDP's ServiceWorker domain on. */
async function installedPartnerApp(): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  await context.grantPermissions(['notifications'], { origin: platform.baseUrl });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${platform.baseUrl}/partner/`);
  // evaluated in the page, where these are defined (this file is type-checked without the DOM)
  await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
  return { context, page, cdp };
}

/** CDP's id of the app's service worker registration, which `deliverPushMessage` addresses. */
async function registrationIdOf(cdp: CDPSession, scopeURL: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const registration = registrations.find((each) => each.scopeURL === scopeURL && !each.isDeleted);
      if (registration) resolve(registration.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

const serviceWorkerOf = (context: BrowserContext): Worker =>
  context.serviceWorkers().find((worker) => worker.url().endsWith('/partner/sw.js')) as Worker;

const shownBy = (worker: Worker) =>
  worker.evaluate(
    'self.registration.getNotifications().then((all) => all.map(({ title, body, tag }) => ({ title, body, tag })))',
  ) as Promise<Shown[]>;

describe("the partner app's service worker", () => {
  it('shows an offer pushed while the app is in the background, replaced by "Job taken" (same tag)', async () => {
    const { context, page, cdp } = await installedPartnerApp();
    const origin = platform.baseUrl;
    const registrationId = await registrationIdOf(cdp, `${origin}/partner/`);
    const worker = await eventually(
      async () => serviceWorkerOf(context) ?? Promise.reject(new Error('no worker')),
    );
    // the app in the background: no window of it left
    await page.goto('about:blank');

    const offer = {
      title: 'New job: Deep cleaning',
      body: 'Now in Indiranagar, 1.2 km away. You earn ₹450.00. Answer before the offer runs out.',
      tag: 'offer:booking-1',
    };
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId,
      data: fcmWebPush(offer, { offerId: 'offer-1', bookingId: 'booking-1' }),
    });
    await eventually(async () => expect(await shownBy(worker)).toEqual([offer]));

    const taken = {
      title: 'Job taken',
      body: 'Another partner took the job you were offered.',
      tag: offer.tag,
    };
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId,
      data: fcmWebPush(taken, { bookingId: 'booking-1' }),
    });
    await eventually(async () => expect(await shownBy(worker)).toEqual([taken]));

    // with the app on screen its WebSocket shows offers (with a sound): the push adds no second copy
    await page.goto(`${origin}/partner/`);
    await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId,
      data: fcmWebPush({ ...offer, tag: 'offer:booking-2' }, { offerId: 'offer-2', bookingId: 'booking-2' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await shownBy(serviceWorkerOf(context))).toEqual([taken]);
    await context.close();
  });
});
