// Regenerates docs/screenshots/: every main screen of the three apps (phone size for the user and partner
// apps, desktop for the admin console) on an embedded platform with the demo city, in Debian's Chromium,
// and the tables of them in README.md (one job end to end across the apps, then the rest). Usage: npm run
// screenshots. A new screen is one more entry in `screens` (and in `journey` when the job passes it).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type AuthTokens, bookingRoutes, identityRoutes } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { GatewayEnv, seedDemoCity, startPlatform } from '@zefy/gateway';
import { createLogger, loadConfig } from '@zefy/platform';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '../test/support/api.ts';
import { holdFor, paidBookingFor } from '../test/support/booking.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { dispatchAt, payForHold } from '../test/support/dispatch.ts';
import { loginByOtp } from '../test/support/identity.ts';
import { fixNear, jobAt } from '../test/support/job-http.ts';
import { type JobStep, jobWalkedTo } from '../test/support/job-steps.ts';
import { sessionsOf } from '../test/support/sessions.ts';

type AppName = 'user' | 'partner' | 'admin';

interface Shot {
  /** docs/screenshots/<file>.png */
  file: string;
  app: AppName;
  caption: string;
  /** The path under the app's base, after the data is set up (`facts` holds ids made for the shots). */
  path: (facts: Facts) => string;
  /** Signed in, or the app as a visitor sees it. */
  isSignedIn: boolean;
  /** What shows once the screen is ready to be shot. */
  ready: (page: Page) => Promise<void>;
  /** A state reached by using the screen (a refusal, a mistake shown), and what shows once it is reached. */
  act?: (page: Page, facts: Facts) => Promise<void>;
  /** The test id of the part of a long screen the shot is about, scrolled into view. */
  scrollTo?: string;
  /** Shows the demo partner's open offer, which lapses five minutes after it is sent: shot before the rest. */
  showsOffer?: boolean;
  /** Signed in as someone else than the app's usual principal (the partner who has a job, say). */
  session?: (facts: Facts) => AuthTokens;
  colorScheme?: 'light' | 'dark';
}

interface Facts {
  /** Paid, waiting for a partner: offered to the demo partner. */
  paidBookingId: string;
  /** Paid and accepted by the demo partner. */
  assignedBookingId: string;
  heldBookingId: string;
  /** Jobs of the demo customer, each with a partner of its own, walked to a step: see `jobWalkedTo`. */
  job: Record<JobStep, string>;
  /** Jobs that ran past their included time: the extra time still owed, and paid by a second payment. */
  overtime: { owing: string; paid: string };
  /**
   * Sessions of the partners of the running job, of the one owed its extra time, of the one paid it, and of the
   * one the team gave a job (their inbox says so).
   */
  jobPartner: { working: AuthTokens; owed: AuthTokens; done: AuthTokens; assignedByTeam: AuthTokens };
  /** The partner on the way sends a fix now, nearer the door: the map is live, not "location delayed". */
  sendFreshFix: () => Promise<void>;
  hubId: string;
  serviceId: string;
  categoryId: string;
  /** Three days from now in the demo city (YYYY-MM-DD): its slots are free, whatever the shots' bookings took. */
  bookingDay: string;
}

const apps: Record<
  AppName,
  { base: string; storageKey: string; viewport: { width: number; height: number } }
> = {
  user: { base: '/', storageKey: 'zefy.user.session', viewport: { width: 390, height: 844 } },
  partner: { base: '/partner/', storageKey: 'zefy.partner.session', viewport: { width: 390, height: 844 } },
  admin: { base: '/admin/', storageKey: 'zefy.admin.session', viewport: { width: 1440, height: 900 } },
};

// generous: a busy machine is slow to render
const shotTimeoutMs = 45_000;
const heading = (name: string) => (page: Page) =>
  page.getByRole('heading', { level: 1, name }).waitFor({ timeout: shotTimeoutMs });
const testId = (id: string) => (page: Page) =>
  page.getByTestId(id).first().waitFor({ timeout: shotTimeoutMs });

const screens: Shot[] = [
  {
    file: 'user-catalog',
    app: 'user',
    caption: 'User app: services',
    path: () => '',
    isSignedIn: false,
    ready: testId('service-row'),
  },
  {
    file: 'user-login',
    app: 'user',
    caption: 'User app: login',
    path: () => 'account',
    isSignedIn: false,
    ready: heading('Log in or sign up'),
  },
  {
    file: 'user-home',
    app: 'user',
    caption: 'User app: signed in',
    path: () => '',
    isSignedIn: true,
    ready: testId('address-strip'),
  },
  {
    file: 'user-category',
    app: 'user',
    caption: 'User app: a category',
    path: (facts) => `categories/${facts.categoryId}`,
    isSignedIn: true,
    ready: testId('service-row'),
  },
  {
    file: 'user-service',
    app: 'user',
    caption: 'User app: a service',
    path: (facts) => `services/${facts.serviceId}`,
    isSignedIn: true,
    ready: testId('extra-charge'),
  },
  {
    file: 'user-choose-when',
    app: 'user',
    caption: 'User app: choosing a time',
    path: (facts) => `services/${facts.serviceId}/book?day=${facts.bookingDay}`,
    isSignedIn: true,
    ready: testId('slots'),
    act: async (page) => {
      const slot = page.getByTestId('slots').locator('label').first();
      await slot.click();
      await slot.locator('input:checked').waitFor();
    },
  },
  {
    file: 'user-price-card',
    app: 'user',
    caption: 'User app: the price card',
    path: (facts) => `bookings/${facts.heldBookingId}`,
    isSignedIn: true,
    ready: testId('address-summary'),
  },
  {
    file: 'user-booking',
    app: 'user',
    caption: 'User app: a paid booking, finding a professional',
    path: (facts) => `bookings/${facts.paidBookingId}`,
    isSignedIn: true,
    ready: testId('finding-professional'),
  },
  {
    file: 'user-notify-me',
    app: 'user',
    caption: 'User app: a booking’s news, offered as notifications',
    path: (facts) => `bookings/${facts.paidBookingId}`,
    isSignedIn: true,
    ready: testId('notify-me'),
    scrollTo: 'notify-me',
  },
  {
    file: 'user-booking-assigned',
    app: 'user',
    caption: 'User app: the professional who is coming',
    path: (facts) => `bookings/${facts.assignedBookingId}`,
    isSignedIn: true,
    ready: testId('assigned-partner'),
  },
  {
    file: 'user-tracking',
    app: 'user',
    caption: 'User app: the professional on the way, live on the map',
    path: (facts) => `bookings/${facts.job.en_route}`,
    isSignedIn: true,
    ready: async (page) => {
      await testId('partner-marker')(page);
      await testId('eta')(page);
    },
    act: async (page, facts) => {
      await facts.sendFreshFix();
      await page.getByTestId('location-delayed').waitFor({ state: 'hidden', timeout: shotTimeoutMs });
    },
    scrollTo: 'tracking-map',
  },
  {
    file: 'user-start-code',
    app: 'user',
    caption: 'User app: the start code, at the door',
    path: (facts) => `bookings/${facts.job.arrived}`,
    isSignedIn: true,
    ready: testId('start-otp'),
    scrollTo: 'start-otp',
  },
  {
    file: 'user-job-timer',
    app: 'user',
    caption: 'User app: the job timer and the end code',
    path: (facts) => `bookings/${facts.job.in_progress}`,
    isSignedIn: true,
    ready: testId('job-timer'),
    // below the offer of notifications
    scrollTo: 'end-otp',
  },
  {
    file: 'user-extra-time',
    app: 'user',
    caption: 'User app: the job ran over, the extra time to pay',
    path: (facts) => `bookings/${facts.overtime.owing}`,
    isSignedIn: true,
    ready: testId('pay-extra'),
    scrollTo: 'pay-extra',
  },
  {
    file: 'user-rating',
    app: 'user',
    caption: 'User app: rating the job',
    path: (facts) => `bookings/${facts.job.completed}`,
    isSignedIn: true,
    ready: testId('rate-job'),
    scrollTo: 'rate-job',
  },
  {
    file: 'user-booking-dark',
    app: 'user',
    caption: 'User app: a booking, dark theme',
    path: (facts) => `bookings/${facts.paidBookingId}`,
    isSignedIn: true,
    ready: testId('address-summary'),
    colorScheme: 'dark',
  },
  {
    file: 'user-my-bookings',
    app: 'user',
    caption: 'User app: My bookings, upcoming',
    path: () => 'bookings?scope=upcoming',
    isSignedIn: true,
    ready: testId('booking-row'),
  },
  {
    file: 'user-receipt',
    app: 'user',
    caption: 'User app: a receipt, the extra time paid by a second payment',
    path: (facts) => `bookings/${facts.overtime.paid}/receipt`,
    isSignedIn: true,
    ready: testId('receipt-payments'),
    scrollTo: 'receipt-payments',
  },
  {
    file: 'user-addresses',
    app: 'user',
    caption: 'User app: addresses',
    path: () => 'addresses',
    isSignedIn: true,
    ready: testId('address-row'),
  },
  {
    file: 'user-new-address',
    app: 'user',
    caption: 'User app: a new address',
    path: () => 'addresses/new',
    isSignedIn: true,
    ready: testId('pin-map'),
  },
  {
    file: 'user-notifications',
    app: 'user',
    caption: 'User app: notifications',
    path: () => 'notifications',
    isSignedIn: true,
    ready: testId('notification-item'),
  },
  {
    file: 'user-account',
    app: 'user',
    caption: 'User app: account',
    path: () => 'account',
    isSignedIn: true,
    ready: testId('account'),
  },
  {
    file: 'partner-login',
    app: 'partner',
    caption: 'Partner app: login',
    path: () => '',
    isSignedIn: false,
    ready: heading('Partner login'),
  },
  {
    file: 'partner-login-not-a-partner',
    app: 'partner',
    caption: 'Partner app: a number that is no partner',
    path: () => '',
    isSignedIn: false,
    ready: heading('Partner login'),
    act: async (page) => {
      await page.getByLabel('Mobile number').fill('+91 90000 00001');
      await page.getByRole('button', { name: 'Send code' }).click();
      await page.getByTestId('not-a-partner').waitFor({ timeout: shotTimeoutMs });
    },
  },
  {
    file: 'partner-home',
    app: 'partner',
    caption: 'Partner app: on duty, a job offer',
    path: () => '',
    isSignedIn: true,
    showsOffer: true,
    ready: testId('offer-card'),
  },
  {
    file: 'partner-jobs',
    app: 'partner',
    caption: 'Partner app: assigned jobs',
    path: () => 'jobs',
    isSignedIn: true,
    ready: testId('job'),
  },
  {
    file: 'partner-job-timer',
    app: 'partner',
    caption: 'Partner app: the job timer and the end code',
    path: (facts) => `jobs/${facts.job.in_progress}`,
    isSignedIn: true,
    session: (facts) => facts.jobPartner.working,
    ready: testId('job-timer'),
  },
  {
    file: 'partner-job-extra',
    app: 'partner',
    caption: 'Partner app: job done, the extra time awaiting payment',
    path: (facts) => `jobs/${facts.overtime.owing}`,
    isSignedIn: true,
    session: (facts) => facts.jobPartner.owed,
    ready: testId('awaiting-extra'),
  },
  {
    file: 'partner-history',
    app: 'partner',
    caption: 'Partner app: completed jobs, earnings and ratings',
    path: () => 'history',
    isSignedIn: true,
    session: (facts) => facts.jobPartner.done,
    ready: testId('completed-jobs'),
  },
  {
    file: 'partner-schedule',
    app: 'partner',
    caption: 'Partner app: working hours',
    path: () => 'schedule',
    isSignedIn: true,
    ready: testId('hours-row'),
  },
  {
    file: 'partner-schedule-mistake',
    app: 'partner',
    caption: 'Partner app: a mistake on its row',
    path: () => 'schedule',
    isSignedIn: true,
    ready: testId('hours-row'),
    act: async (page) => {
      await page.getByTestId('schedule-day-tue').getByLabel('Ends').fill('08:00');
      await page.getByRole('button', { name: 'Save working hours' }).click();
      await page
        .getByTestId('schedule-day-tue')
        .getByTestId('field-error')
        .waitFor({ timeout: shotTimeoutMs });
    },
  },
  {
    file: 'partner-services',
    app: 'partner',
    caption: 'Partner app: their services',
    path: () => 'services',
    isSignedIn: true,
    ready: testId('service-row'),
  },
  {
    file: 'partner-notifications',
    app: 'partner',
    caption: 'Partner app: notifications, a job the team gave them',
    path: () => 'notifications',
    isSignedIn: true,
    ready: testId('notification-item'),
    session: (facts) => facts.jobPartner.assignedByTeam,
  },
  {
    file: 'partner-profile',
    app: 'partner',
    caption: 'Partner app: profile',
    path: () => 'profile',
    isSignedIn: true,
    ready: testId('partner-name'),
  },
  {
    file: 'admin-dashboard',
    app: 'admin',
    caption: 'Admin: dashboard',
    path: () => '',
    isSignedIn: true,
    ready: testId('hub-figures-row'),
  },
  {
    file: 'admin-dashboard-dark',
    app: 'admin',
    caption: 'Admin: dashboard, dark theme',
    path: () => '',
    isSignedIn: true,
    ready: testId('hub-figures-row'),
    colorScheme: 'dark',
  },
  {
    file: 'admin-dispatch',
    app: 'admin',
    caption: 'Admin: the dispatch queue and a booking’s candidates',
    path: (facts) => `dispatch/${facts.paidBookingId}`,
    isSignedIn: true,
    ready: testId('candidate-row'),
  },
  {
    file: 'admin-bookings',
    app: 'admin',
    caption: 'Admin: paid bookings',
    path: () => 'bookings',
    isSignedIn: true,
    ready: testId('booking-row'),
  },
  {
    file: 'admin-booking-detail',
    app: 'admin',
    caption: 'Admin: a booking',
    path: (facts) => `bookings/${facts.paidBookingId}`,
    isSignedIn: true,
    ready: testId('timeline-entry'),
  },
  {
    file: 'admin-booking-live',
    app: 'admin',
    caption: 'Admin: a booking on the way, on its live map',
    path: (facts) => `bookings/${facts.job.en_route}`,
    isSignedIn: true,
    ready: (page) =>
      page
        .getByTestId('live-tracking')
        .locator('[data-testid=tracking-map-markers] li[data-kind=partner]')
        .waitFor({ timeout: shotTimeoutMs }),
  },
  {
    file: 'admin-live',
    app: 'admin',
    caption: 'Admin: the live map of the city, partners on duty and jobs on the way',
    path: () => 'live',
    isSignedIn: true,
    ready: (page) =>
      page.getByTestId('en-route-jobs').locator('tbody tr').first().waitFor({ timeout: shotTimeoutMs }),
  },
  {
    file: 'admin-partners',
    app: 'admin',
    caption: 'Admin: partners',
    path: () => 'partners',
    isSignedIn: true,
    ready: testId('partner-row'),
  },
  {
    file: 'admin-new-partner',
    app: 'admin',
    caption: 'Admin: new partner',
    path: () => 'partners/new',
    isSignedIn: true,
    ready: testId('partner-form'),
  },
  {
    file: 'admin-services',
    app: 'admin',
    caption: 'Admin: services',
    path: () => 'services',
    isSignedIn: true,
    ready: testId('service-row'),
  },
  {
    file: 'admin-service-edit',
    app: 'admin',
    caption: 'Admin: editing a service',
    path: (facts) => `services/${facts.serviceId}/edit`,
    isSignedIn: true,
    ready: testId('price-preview'),
  },
  {
    file: 'admin-hub',
    app: 'admin',
    caption: 'Admin: a hub on its map',
    path: (facts) => `hubs/${facts.hubId}`,
    isSignedIn: true,
    ready: testId('outline-map'),
  },
];

/** One job across the three apps, in the order it happens: the README's first table. */
const journey = [
  'user-choose-when',
  'user-price-card',
  'user-booking',
  'partner-home',
  'admin-dispatch',
  'user-booking-assigned',
  'user-tracking',
  'admin-booking-live',
  'user-start-code',
  'partner-job-timer',
  'user-job-timer',
  'user-extra-time',
  'partner-job-extra',
  'user-receipt',
  'user-rating',
];

const repoRoot = path.resolve(import.meta.dirname, '..');
const outDir = path.join(repoRoot, 'docs', 'screenshots');
const customer = demoCity.identity.customers[0] as { id: string; phone: string };
const partner = demoCity.identity.partners[0] as { id: string; phone: string; hubId: string };
const partnerHub = demoCity.locations.hubs.find((candidate) => candidate.id === partner.hubId);
// the middle of the partner's hub (its outline's first corner would do, but the middle is surely inside)
const partnerHome = (() => {
  const ring = partnerHub?.polygon.coordinates[0] ?? [[77.64, 12.97]];
  const lng = ring.reduce((sum, [x]) => sum + (x ?? 0), 0) / ring.length;
  const lat = ring.reduce((sum, [, y]) => sum + (y ?? 0), 0) / ring.length;
  return { lat, lng };
})();
const hub = demoCity.locations.hubs[0] as { id: string };
const service = demoCity.catalog.services[0] as { id: string; category: string };

const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-screenshots-'));
const logger = createLogger({ level: 'error' });
const config = loadConfig(GatewayEnv, {
  DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'error',
  WEB_DIR: path.join(repoRoot, 'apps'),
  RATE_LIMIT_PER_MINUTE: '100000',
  // the partner's offer stays open as long as dispatch allows, while the setup ends and it is shot
  BOOKING_DISPATCH_OFFER_WINDOW_SECONDS: '300',
});
// the demo service includes 300 minutes and 15 of grace: 346 are two started blocks of extra time. The
// platform's clock starts two such overtimes behind the real time and catches one up while each of the two
// overtime jobs is worked, so they run over in an instant and every other shot is taken on the real time
const overtimeMs = 346 * 60_000;
let behindMs = 2 * overtimeMs;
const catchUp = () => {
  behindMs -= overtimeMs;
};
const platform = await startPlatform(config, logger, {
  clock: { now: () => new Date(Date.now() - behindMs) },
});
let browser: Browser | undefined;
try {
  const baseUrl = await platform.app.listen({ host: '127.0.0.1', port: 0 });
  const seeded = await seedDemoCity(platform.services, { logger, dataDir });
  // seeded above, where its admin login is read
  const access = { baseUrl, platform, tokenFor: sessionsOf(platform).tokenFor, seedDemoCity: async () => {} };
  // the demo customer the user app is signed in as: a paid booking and a hold, at their home
  const booker = { role: 'customer' as const, id: customer.id };
  const overtime = {
    owing: await jobWalkedTo(access, booker, 'completed', catchUp),
    paid: await jobWalkedTo(access, booker, 'completed', catchUp),
  };
  const jobs = jobAt(baseUrl);
  const bookerToken = await access.tokenFor('customer', customer.id);
  const extraOfPaid = (await jobs.booking(bookerToken, overtime.paid)).job?.extraPayableId;
  await payForHold(baseUrl, bookerToken, { id: extraOfPaid ?? '' });
  await eventually(async () => {
    const paid = await jobs.booking(bookerToken, overtime.paid);
    if (paid.status !== 'completed') throw new Error(`the paid overtime job is ${paid.status}`);
  });
  // the job's screens: one job per step, each taken by a partner of its own, walked first: the demo partner's offer below must still be open when shot
  const job = {} as Record<JobStep, string>;
  for (const step of ['en_route', 'arrived', 'in_progress', 'completed'] as const)
    job[step] = await jobWalkedTo(access, booker, step);
  // two paid bookings, both offered to the demo partner (their slots are in the partner's hours)
  const waiting = await paidBookingFor(access, booker);
  const assigned = await paidBookingFor(access, booker);
  // a third, which the team gives (below), of a customer of its own: the demo customer's unread count stays
  const givenByTeam = await paidBookingFor(access);
  const partnerSessionOf = async (bookingId: string) => {
    const partnerId = (await jobs.booking(bookerToken, bookingId)).partner?.id;
    if (!partnerId) throw new Error(`booking ${bookingId} has no partner`);
    return sessionsOf(platform).signIn('partner', partnerId);
  };
  const adminLogin = await fetch(`${baseUrl}${identityRoutes.loginWithPassword.url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(seeded.admin),
  });
  const adminSession = (await adminLogin.json()) as AuthTokens;
  const dispatch = dispatchAt(baseUrl);
  // the team gives the third to a partner other than the demo one, whose offers the shots show
  const teamChoice = (await dispatch.candidates(adminSession.accessToken, givenByTeam.id)).items.find(
    (candidate) => candidate.partnerId !== partner.id,
  );
  if (!teamChoice) throw new Error(`booking ${givenByTeam.id} has no candidate but the demo partner`);
  const given = await dispatch.assign(adminSession.accessToken, givenByTeam.id, {
    partnerId: teamChoice.partnerId,
    reason: 'The customer asked for this partner again',
    expectedPartnerId: null,
  });
  if (given.status !== 200) throw new Error(`assign: ${given.status} ${await given.text()}`);
  const onTheWay = await partnerSessionOf(job.en_route);
  const door = await jobs.doorOf(bookerToken, job.en_route);
  const facts: Facts = {
    paidBookingId: waiting.id,
    assignedBookingId: assigned.id,
    heldBookingId: (await holdFor(access, booker)).id,
    job,
    overtime,
    jobPartner: {
      working: await partnerSessionOf(job.in_progress),
      owed: await partnerSessionOf(overtime.owing),
      done: await partnerSessionOf(overtime.paid),
      assignedByTeam: await sessionsOf(platform).signIn('partner', teamChoice.partnerId),
    },
    sendFreshFix: async () => {
      await jobs.positions(onTheWay.accessToken, job.en_route, [fixNear(door, 1200, 0)]);
    },
    hubId: hub.id,
    serviceId: service.id,
    categoryId: service.category,
    bookingDay: new Date(Date.now() + 3 * 24 * 3600_000).toLocaleDateString('en-CA', {
      timeZone: 'Asia/Kolkata',
    }),
  };
  const partnerSession = await loginByOtp(baseUrl, partner.phone, 'partner');
  // the partner takes the second: the customer's card and the partner's jobs; the first stays offered
  const offer = await dispatch.offerOf(partnerSession.accessToken, assigned.id);
  const accepted = await dispatch.accept(partnerSession.accessToken, offer.offerId);
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${await accepted.text()}`);
  const asPartner = (url: string, body: unknown) =>
    fetch(`${baseUrl}${url}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${partnerSession.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  // one partner on duty in their hub (for the dashboard and the partner's home), working six days a week
  await asPartner(bookingRoutes.putPresence.url, {
    online: true,
    lat: partnerHome.lat,
    lng: partnerHome.lng,
  });
  const workday = [{ start: '09:00', end: '18:00' }];
  await asPartner(bookingRoutes.putSchedule.url, {
    weekly: {
      mon: workday,
      tue: workday,
      wed: workday,
      thu: workday,
      fri: workday,
      sat: [
        { start: '09:00', end: '13:00' },
        { start: '16:00', end: '20:00' },
      ],
      sun: [],
    },
    daysOff: [],
  });
  const sessions: Record<AppName, AuthTokens> = {
    user: await loginByOtp(baseUrl, customer.phone, 'customer'),
    partner: partnerSession,
    admin: adminSession,
  };

  browser = await launchChromium();
  await mkdir(outDir, { recursive: true });
  for (const shot of [
    ...screens.filter((shot) => shot.showsOffer),
    ...screens.filter((shot) => !shot.showsOffer),
  ]) {
    const app = apps[shot.app];
    const context = await browser.newContext({
      viewport: app.viewport,
      deviceScaleFactor: 1,
      colorScheme: shot.colorScheme ?? 'light',
      timezoneId: 'Asia/Kolkata',
      serviceWorkers: 'block',
      // the partner app's heartbeats send the phone's position: in the partner's hub
      ...(shot.app === 'partner'
        ? {
            geolocation: { latitude: partnerHome.lat, longitude: partnerHome.lng },
            permissions: ['geolocation'],
          }
        : {}),
    });
    // the map shows its plain background: no tile server is reached, the shots do not change with it
    await context.route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
    if (shot.isSignedIn)
      await context.addInitScript(
        `localStorage.setItem(${JSON.stringify(app.storageKey)}, ${JSON.stringify(JSON.stringify(shot.session?.(facts) ?? sessions[shot.app]))})`,
      );
    const page = await context.newPage();
    await page.goto(`${baseUrl}${app.base}${shot.path(facts)}`);
    await shot.ready(page);
    await shot.act?.(page, facts);
    await page.waitForLoadState('networkidle');
    if (shot.scrollTo) await page.getByTestId(shot.scrollTo).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, `${shot.file}.png`) });
    console.log(`docs/screenshots/${shot.file}.png`);
    await context.close();
  }
  await writeReadmeTable();
} finally {
  await browser?.close();
  await platform.stop();
  await rm(dataDir, { recursive: true, force: true });
}

/** The README's tables of screenshots, between its markers, four to a row: the journey, then every other screen by app. */
async function writeReadmeTable(): Promise<void> {
  const readmePath = path.join(repoRoot, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const start = '<!-- screenshots:start (npm run screenshots) -->';
  const end = '<!-- screenshots:end -->';
  if (!readme.includes(start) || !readme.includes(end))
    throw new Error('README.md has no screenshot markers');
  const cell = (shot: Shot) =>
    `<a href="docs/screenshots/${shot.file}.png"><img src="docs/screenshots/${shot.file}.png" alt="${shot.caption}" width="${shot.app === 'admin' ? 210 : 110}"></a><br>${shot.caption}`;
  const rowsOf = (shots: Shot[]) =>
    Array.from(
      { length: Math.ceil(shots.length / 4) },
      (_, row) =>
        `| ${shots
          .slice(row * 4, row * 4 + 4)
          .map(cell)
          .join(' | ')} |`,
    );
  const tableOf = (rows: string[]) => ['| | | | |', '| --- | --- | --- | --- |', ...rows].join('\n');
  const byFile = (file: string) => {
    const shot = screens.find((candidate) => candidate.file === file);
    if (!shot) throw new Error(`the journey names ${file}, which is no screen`);
    return shot;
  };
  const others = (['user', 'partner', 'admin'] as const).flatMap((app) =>
    rowsOf(screens.filter((shot) => shot.app === app && !journey.includes(shot.file))),
  );
  const tables = [
    '**A job, end to end**',
    tableOf(rowsOf(journey.map(byFile))),
    '**Every other screen**',
    tableOf(others),
  ].join('\n\n');
  const before = readme.slice(0, readme.indexOf(start) + start.length);
  const after = readme.slice(readme.indexOf(end));
  await writeFile(readmePath, `${before}\n\n${tables}\n\n${after}`);
  // aligned the way `npm run check` wants it
  await promisify(execFile)(path.join(repoRoot, 'node_modules', '.bin', 'biome'), [
    'format',
    '--write',
    readmePath,
  ]);
}
