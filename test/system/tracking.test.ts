import { randomUUID } from 'node:crypto';
import type {
  BookingEventPage,
  BookingView,
  LiveTracking,
  NotificationPage,
  PartnerJob,
  PositionsAccepted,
  RealtimeEvent,
  ServerMessage,
  TrackingUpdate,
} from '@zefy/contracts';
import { channels } from '@zefy/contracts';
import { ManualClock } from '@zefy/platform';
import { type FcmSimulator, startFcmSimulator } from '@zefy/stand-ins/fcm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { cancelBooking } from '../support/booking.ts';
import { assignedJobSignedIn, dispatchAt } from '../support/dispatch.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

// the whole platform on a clock moved by hand, so a partner can run late and a position go stale in a test
const clock = new ManualClock(new Date());
let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;
let dispatch: ReturnType<typeof dispatchAt>;
// the partner app's pushes land here, to be read back
let fcm: FcmSimulator;
beforeAll(async () => {
  fcm = await startFcmSimulator({ projectId: 'zefy-tracking-test', accessToken: 'tracking-test-token' });
  zefy = await startPlatform({
    serveWebApps: false,
    clock,
    env: {
      TRACKING_MONITOR_TICK_MS: '100',
      FCM_BASE_URL: fcm.url,
      FCM_PROJECT_ID: 'zefy-tracking-test',
      FCM_ACCESS_TOKEN: 'tracking-test-token',
    },
  });
  api = apiAt(zefy.baseUrl);
  dispatch = dispatchAt(zefy.baseUrl);
});
afterAll(async () => {
  await zefy?.stop();
  await fcm?.close();
});

const eventOf = (message: ServerMessage): RealtimeEvent | undefined =>
  message.type === 'event' ? message.event : undefined;
const isEvent = (type: RealtimeEvent['type']) => (message: ServerMessage) => eventOf(message)?.type === type;

const assignedJob = () => assignedJobSignedIn(zefy);

describe('the journey in the whole platform', () => {
  it('"On my way" then "I have arrived": the customer is told at each step and the timeline keeps both', async () => {
    const job = await assignedJob();
    const customerSocket = await connectWebSocket(zefy.baseUrl, job.customer.token);
    await customerSocket.subscribe(channels.user(job.customer.id));

    const started = await dispatch.onMyWay(job.partner.token, job.bookingId);
    expect(started.status).toBe(200);
    expect(((await started.json()) as PartnerJob).status).toBe('en_route');
    const enRoute = eventOf(await customerSocket.next(isEvent('booking.en_route')));
    expect(enRoute?.type === 'booking.en_route' && enRoute.data).toMatchObject({
      bookingId: job.bookingId,
      partnerId: job.partner.id,
      destination: { lat: expect.any(Number), lng: expect.any(Number) },
    });
    // a repeated tap changes nothing
    expect((await dispatch.onMyWay(job.partner.token, job.bookingId)).status).toBe(200);

    const arrived = await dispatch.arrived(job.partner.token, job.bookingId);
    expect(arrived.status).toBe(200);
    expect(((await arrived.json()) as PartnerJob).status).toBe('arrived');
    const arrival = eventOf(await customerSocket.next(isEvent('booking.arrived')));
    expect(arrival?.type === 'booking.arrived' && arrival.data.detectedBy).toBe('partner');
    expect((await dispatch.arrived(job.partner.token, job.bookingId)).status).toBe(200);

    const view = (await (
      await api(`/api/v1/bookings/${job.bookingId}`, { token: job.customer.token })
    ).json()) as BookingView;
    expect(view).toMatchObject({ status: 'arrived', partner: { id: job.partner.id } });
    await eventually(async () => {
      const inbox = await api('/api/v1/me/notifications', { token: job.customer.token });
      const kinds = ((await inbox.json()) as NotificationPage).items.map((item) => item.kind);
      expect(kinds).toEqual(expect.arrayContaining(['booking.en_route', 'booking.arrived']));
    });
    const timeline = await api(`/api/v1/admin/bookings/${job.bookingId}`, { token: zefy.adminToken });
    const types = ((await timeline.json()) as { timeline: Array<{ type: string }> }).timeline.map(
      (entry) => entry.type,
    );
    expect(types.filter((type) => type === 'booking.en_route' || type === 'booking.arrived')).toEqual([
      'booking.en_route',
      'booking.arrived',
    ]);
    customerSocket.close();
  });

  it('refuses an arrival before setting out, and another partner’s taps, with problem+json', async () => {
    const job = await assignedJob();
    const early = await dispatch.arrived(job.partner.token, job.bookingId);
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(await early.json()).toMatchObject({ code: 'BOOKING.TRANSITION_NOT_ALLOWED' });

    const stranger = await zefy.tokenFor('partner', randomUUID());
    for (const tap of [dispatch.onMyWay, dispatch.arrived]) {
      const refused = await tap(stranger, job.bookingId);
      expect([403, 404]).toContain(refused.status);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    const customerTap = await dispatch.onMyWay(job.customer.token, job.bookingId);
    expect(customerTap.status).toBe(403);
  });

  it('lets the customer cancel while the partner is on the way, which ends the journey', async () => {
    const job = await assignedJob();
    expect((await dispatch.onMyWay(job.partner.token, job.bookingId)).status).toBe(200);
    const cancelled = await cancelBooking(zefy.baseUrl, job.customer.token, job.bookingId);
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as BookingView).status).toBe('cancelled');
    const late = await dispatch.onMyWay(job.partner.token, job.bookingId);
    expect([404, 409]).toContain(late.status);
  });
});

const updateOf = (message: ServerMessage): TrackingUpdate | undefined =>
  message.type === 'tracking' ? message.update : undefined;
const isUpdate = (kind: TrackingUpdate['kind']) => (message: ServerMessage) =>
  updateOf(message)?.kind === kind;

/** A fix `northMeters` north of `point`, taken `secondsAgo`. */
const fixNear = (point: { lat: number; lng: number }, northMeters: number, secondsAgo: number) => ({
  lat: point.lat + northMeters / 111_320,
  lng: point.lng,
  accuracyMeters: 8,
  fixAt: new Date(clock.now().getTime() - secondsAgo * 1000).toISOString(),
});

/** An assigned job whose partner said "On my way", with the address they head to and the customer watching. */
async function enRouteJob() {
  const job = await assignedJob();
  const customerSocket = await connectWebSocket(zefy.baseUrl, job.customer.token);
  // the booking's events on the customer's channel; its tracking on the booking's
  await customerSocket.subscribe(channels.user(job.customer.id));
  await customerSocket.subscribe(channels.booking(job.bookingId));
  expect((await dispatch.onMyWay(job.partner.token, job.bookingId)).status).toBe(200);
  const enRoute = eventOf(await customerSocket.next(isEvent('booking.en_route')));
  if (enRoute?.type !== 'booking.en_route' || !enRoute.data.destination) throw new Error('no destination');
  const destination = enRoute.data.destination;
  const tracking = (token: string) => api(`/api/v1/bookings/${job.bookingId}/tracking`, { token });
  // tracking learns of the journey from booking's events
  await eventually(async () => {
    const known = (await (await tracking(job.customer.token)).json()) as LiveTracking;
    expect(known.status).toBe('en_route');
  });
  const upload = (token: string, positions: unknown[]) =>
    api(`/api/v1/partner/jobs/${job.bookingId}/positions`, { method: 'POST', token, json: { positions } });
  return { ...job, customerSocket, destination, tracking, upload };
}

describe('live tracking in the whole platform', () => {
  it('shows the customer the partner coming: position, ETA and the promise, then arrival by distance', async () => {
    const job = await enRouteJob();
    const far = await job.upload(job.partner.token, [
      fixNear(job.destination, 700, 25),
      fixNear(job.destination, 650, 15),
    ]);
    expect(far.status).toBe(200);
    expect((await far.json()) as PositionsAccepted).toEqual({ accepted: 2, rejected: [] });
    const position = updateOf(await job.customerSocket.next(isUpdate('position')));
    expect(position?.kind === 'position' && position.position.lat).toBeCloseTo(
      job.destination.lat + 650 / 111_320,
      6,
    );
    const eta = updateOf(await job.customerSocket.next(isUpdate('eta')));
    expect(eta).toMatchObject({ kind: 'eta', bookingId: job.bookingId, source: 'offline' });
    expect(eta?.kind === 'eta' && eta.durationSeconds).toBeGreaterThan(0);

    const live = (await (await job.tracking(job.customer.token)).json()) as LiveTracking;
    expect(live).toMatchObject({
      status: 'en_route',
      isDelayed: false,
      arrivalStage: 'en_route',
      eta: { source: 'offline' },
      promisedArrivalAt: eta?.kind === 'eta' ? eta.estimatedArrivalAt : 'missing',
      destination: job.destination,
    });
    await eventually(async () => {
      const detail = await api(`/api/v1/admin/bookings/${job.bookingId}`, { token: zefy.adminToken });
      const types = ((await detail.json()) as { timeline: Array<{ type: string }> }).timeline.map(
        (row) => row.type,
      );
      expect(types).toContain('tracking.arrival_promised');
    });

    // 630 m in 20 s: quick, but not too fast to be true
    expect((await job.upload(job.partner.token, [fixNear(job.destination, 20, -5)])).status).toBe(200);
    const arrival = updateOf(await job.customerSocket.next(isUpdate('arrival')));
    expect(arrival).toMatchObject({ kind: 'arrival', stage: 'arrived', distanceMeters: 20 });
    const arrived = eventOf(await job.customerSocket.next(isEvent('booking.arrived')));
    expect(arrived?.type === 'booking.arrived' && arrived.data.detectedBy).toBe('position');
    await eventually(async () => {
      const view = (await (
        await api(`/api/v1/bookings/${job.bookingId}`, { token: job.customer.token })
      ).json()) as BookingView;
      expect(view.status).toBe('arrived');
    });
    // positions are taken en route only
    const late = await job.upload(job.partner.token, [fixNear(job.destination, 5, 1)]);
    await eventually(async () => {
      const again = await job.upload(job.partner.token, [fixNear(job.destination, 5, 1)]);
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ code: 'TRACKING.NOT_EN_ROUTE' });
    });
    expect([200, 409]).toContain(late.status);
    job.customerSocket.close();
  });

  it('shows a booking’s tracking to its customer, its partner and staff only', async () => {
    const job = await enRouteJob();
    expect((await job.tracking(job.partner.token)).status).toBe(200);
    expect((await job.tracking(zefy.adminToken)).status).toBe(200);
    for (const stranger of [
      await zefy.tokenFor('customer', randomUUID()),
      await zefy.tokenFor('partner', randomUUID()),
    ]) {
      const refused = await job.tracking(stranger);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ code: 'TRACKING.NOT_FOUND' });
    }
    const otherPartner = await job.upload(await zefy.tokenFor('partner', randomUUID()), [
      fixNear(job.destination, 1000, 5),
    ]);
    expect(otherPartner.status).toBe(404);
    expect((await job.upload(job.customer.token, [fixNear(job.destination, 1000, 5)])).status).toBe(403);
    job.customerSocket.close();
  });

  it('refuses bad positions with problem+json and stable types, and counts each refusal by reason', async () => {
    const job = await enRouteJob();
    const inaccurate = await job.upload(job.partner.token, [
      { ...fixNear(job.destination, 1000, 5), accuracyMeters: 900 },
    ]);
    expect(inaccurate.status).toBe(400);
    expect(inaccurate.headers.get('content-type')).toContain('application/problem+json');
    expect(await inaccurate.json()).toMatchObject({
      type: 'https://zefy.dev/problems/tracking/positions-rejected',
      code: 'TRACKING.POSITIONS_REJECTED',
      errors: [{ field: 'body.positions.0', rule: 'inaccurate' }],
    });
    const mixed = await job.upload(job.partner.token, [
      fixNear(job.destination, 1000, 20),
      { ...fixNear(job.destination, 1000, -600) },
    ]);
    expect(await mixed.json()).toEqual({ accepted: 1, rejected: [{ index: 1, reason: 'from_future' }] });
    for (const bad of [
      { ...fixNear(job.destination, 1000, 5), lat: 91 },
      { ...fixNear(job.destination, 1000, 5), fixAt: 'yesterday' },
      { ...fixNear(job.destination, 1000, 5), accuracyMeters: '8' },
    ]) {
      const refused = await job.upload(job.partner.token, [bad]);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED' });
    }
    const metrics = await (await fetch(`${zefy.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/zefy_tracking_positions_rejected_total\{[^}]*reason="inaccurate"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/zefy_tracking_positions_rejected_total\{[^}]*reason="from_future"[^}]*\} [1-9]/);
    job.customerSocket.close();
  });
});

describe('a cancelled job', () => {
  it('refuses the partner’s positions as soon as tracking has taken the cancellation', async () => {
    const job = await enRouteJob();
    expect((await job.upload(job.partner.token, [fixNear(job.destination, 900, 20)])).status).toBe(200);
    const cancelled = await cancelBooking(zefy.baseUrl, job.customer.token, job.bookingId);
    expect(cancelled.status).toBe(200);
    await eventually(async () => {
      const known = (await (await job.tracking(job.customer.token)).json()) as LiveTracking;
      expect(known.status).toBe('cancelled');
    });
    // the upload before the cancellation cached the booking en route: that copy is gone with the commit
    const refused = await job.upload(job.partner.token, [fixNear(job.destination, 850, 10)]);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'TRACKING.NOT_EN_ROUTE' });
    job.customerSocket.close();
  });
});

describe('the ETA monitor in the whole platform', () => {
  it('tells the customer once that the partner runs late, and that their location is delayed, waking the partner app', async () => {
    const job = await enRouteJob();
    const partnerSocket = await connectWebSocket(zefy.baseUrl, job.partner.token);
    await partnerSocket.subscribe(channels.partner(job.partner.id));
    const phone = `partner-phone-${randomUUID()}`;
    const registered = await api('/api/v1/me/devices/phone', {
      method: 'PUT',
      token: job.partner.token,
      json: { token: phone, platform: 'android' },
    });
    expect(registered.status).toBeLessThan(300);
    // the partner app in a browser too: a page cannot send GPS while closed, and a push it shows nothing for
    // makes the browser show a notice of its own
    const browser = `partner-browser-${randomUUID()}`;
    const inBrowser = await api('/api/v1/me/devices/browser', {
      method: 'PUT',
      token: job.partner.token,
      json: { token: browser, platform: 'web' },
    });
    expect(inBrowser.status).toBeLessThan(300);
    await job.upload(job.partner.token, [
      fixNear(job.destination, 3000, 15),
      fixNear(job.destination, 2950, 5),
    ]);
    const promised = updateOf(await job.customerSocket.next(isUpdate('eta')));

    // ten minutes on, the partner has not moved: the ETA is ten minutes past the promise
    clock.advance(600_000);
    expect((await job.upload(job.partner.token, [fixNear(job.destination, 2950, 1)])).status).toBe(200);
    const late = updateOf(await job.customerSocket.next(isUpdate('punctuality')));
    expect(late).toMatchObject({ kind: 'punctuality', punctuality: 'late' });
    expect(late?.kind === 'punctuality' && late.deviationSeconds).toBeGreaterThan(500);
    await eventually(async () => {
      const inbox = (await (
        await api('/api/v1/me/notifications', { token: job.customer.token })
      ).json()) as NotificationPage;
      expect(inbox.items.filter((item) => item.kind === 'tracking.punctuality_changed')).toHaveLength(1);
    });
    // later ticks with the same lateness tell nothing new
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(job.customerSocket.messages.filter(isUpdate('punctuality'))).toHaveLength(1);
    expect(promised?.kind === 'eta' && promised.estimatedArrivalAt).toBe(
      ((await (await job.tracking(job.customer.token)).json()) as LiveTracking).promisedArrivalAt,
    );

    // a minute without a fix: "location delayed" for the customer, a wake-up for the partner app
    // (a tick between moving the clock and the upload above may have seen an earlier, shorter episode)
    const episodeFrom = job.customerSocket.messages.length;
    clock.advance(60_000);
    const delayed = updateOf(
      await job.customerSocket.next(isUpdate('location_delayed'), 10_000, episodeFrom),
    );
    expect(delayed).toMatchObject({ kind: 'location_delayed', bookingId: job.bookingId });
    await partnerSocket.next(isUpdate('wake'));
    // and, should its socket be asleep, a silent push: data only, nothing shown
    await expect.poll(() => fcm.delivered(phone).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [wake] = fcm.delivered(phone);
    expect(wake?.message).not.toHaveProperty('notification');
    expect(wake?.message).toMatchObject({ data: { kind: 'wake', bookingId: job.bookingId } });
    expect(fcm.delivered(browser)).toEqual([]);
    expect(((await (await job.tracking(job.customer.token)).json()) as LiveTracking).isDelayed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(job.customerSocket.messages.slice(episodeFrom).filter(isUpdate('location_delayed'))).toHaveLength(
      1,
    );
    for (const socket of [job.customerSocket, partnerSocket]) socket.close();
  });
});

describe('resuming after a reconnect', () => {
  it('gives a reconnecting app the booking’s events after the last sequence it saw, and nothing twice', async () => {
    const job = await assignedJob();
    const eventsAfter = async (after: number, token = job.customer.token) => {
      const response = await api(`/api/v1/bookings/${job.bookingId}/events?after=${after}`, { token });
      expect(response.status).toBe(200);
      return (await response.json()) as BookingEventPage;
    };
    // the codes are issued by booking's consumer of the assignment, a moment after it: seen before going on
    const seen = await eventually(async () => {
      const page = await eventsAfter(0);
      expect(page.items.map((item) => item.type)).toContain('booking.otps_issued');
      return page;
    });
    expect(seen.items.every((item) => item.type.startsWith('booking.'))).toBe(true);
    expect(seen.items.map((item) => item.type)).toContain('booking.partner_assigned');
    const lastSeen = seen.items.at(-1)?.sequence ?? 0;

    // the app was away while the partner set out and arrived
    expect((await dispatch.onMyWay(job.partner.token, job.bookingId)).status).toBe(200);
    expect((await dispatch.arrived(job.partner.token, job.bookingId)).status).toBe(200);
    const missed = await eventsAfter(lastSeen);
    expect(missed.items.map((item) => item.type)).toEqual(['booking.en_route', 'booking.arrived']);
    expect(missed.hasMore).toBe(false);
    const [enRoute, arrived] = missed.items;
    expect(arrived!.sequence).toBeGreaterThan(enRoute!.sequence);
    expect((await eventsAfter(arrived!.sequence)).items).toEqual([]);

    const staff = await eventsAfter(0, zefy.adminToken);
    expect(staff.items.map((item) => item.type)).toEqual(expect.arrayContaining(['dispatch.started']));
    const stranger = await api(`/api/v1/bookings/${job.bookingId}/events`, {
      token: await zefy.tokenFor('customer', randomUUID()),
    });
    expect(stranger.status).toBe(404);
  });
});
