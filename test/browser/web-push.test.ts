import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
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

/**
 * The partner app installed (its service worker active) with notifications allowed, and a CDP session on a
 * blank page of the same browser, which stays when the app's pages close.
 */
async function installedPartnerApp(): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  await context.grantPermissions(['notifications'], { origin: platform.baseUrl });
  const cdp = await context.newCDPSession(await context.newPage());
  const page = await context.newPage();
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

/** Evaluates `expression` in the partner app's service worker (which a push starts again if it was stopped). */
async function inServiceWorker<T>(context: BrowserContext, expression: string): Promise<T> {
  const worker = context.serviceWorkers().find((each) => each.url().endsWith('/partner/sw.js'));
  if (!worker) throw new Error('the service worker is not running');
  return (await worker.evaluate(expression)) as T;
}

const shownIn = (context: BrowserContext) =>
  inServiceWorker<Shown[]>(
    context,
    'self.registration.getNotifications().then((all) => all.map(({ title, body, tag }) => ({ title, body, tag })))',
  );
const windowsOf = (context: BrowserContext) =>
  inServiceWorker<number>(context, "clients.matchAll({ type: 'window' }).then((all) => all.length)");

describe("the partner app's service worker", () => {
  it('shows an offer pushed while the app is in the background, replaced by "Job taken" (same tag)', async () => {
    const { context, page, cdp } = await installedPartnerApp();
    const origin = platform.baseUrl;
    const registrationId = await registrationIdOf(cdp, `${origin}/partner/`);
    // the app in the background: no window of it left
    await page.close();
    await eventually(async () => expect(await windowsOf(context)).toBe(0));

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
    await eventually(async () => expect(await shownIn(context)).toEqual([offer]));

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
    await eventually(async () => expect(await shownIn(context)).toEqual([taken]));

    // with the app on screen its WebSocket shows offers (with a sound): the push adds no second copy
    const onScreen = await context.newPage();
    await onScreen.goto(`${origin}/partner/`);
    await eventually(async () => expect(await windowsOf(context)).toBe(1));
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId,
      data: fcmWebPush({ ...offer, tag: 'offer:booking-2' }, { offerId: 'offer-2', bookingId: 'booking-2' }),
    });
    // pushes are handled in order: once a later one, sent in the background, shows, the on-screen one is done
    await onScreen.close();
    await eventually(async () => expect(await windowsOf(context)).toBe(0));
    const later = { ...offer, tag: 'offer:booking-3' };
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId,
      data: fcmWebPush(later, { offerId: 'offer-3', bookingId: 'booking-3' }),
    });
    await eventually(async () => expect(await shownIn(context)).toHaveLength(2));
    expect((await shownIn(context)).map((shown) => shown.tag).sort()).toEqual([taken.tag, later.tag]);
    await context.close();
  });
});
