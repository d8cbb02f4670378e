import { createEvent, newId } from '@zefy/platform';
import { type FcmSimulator, startFcmSimulator } from '@zefy/stand-ins/fcm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { NotificationsDeps } from '../deps.ts';
import { registerDevice, unregisterDevice } from '../devices/devices.commands.ts';
import { listDevices } from '../devices/devices.repository.ts';
import { queuePushOnly, storeNotifications } from '../notifications/notifications.repository.ts';
import { type NotificationDraft, notificationsFor } from '../notifications/notifications.ts';
import type { Recipient } from '../recipients.ts';
import { type ServiceFixture, startServiceFixture } from '../service.fixture.ts';
import { deliverDuePushes, pruneDevicesAndDeliveries } from './push.commands.ts';
import { recordOutcome } from './push.repository.ts';

let fixture: ServiceFixture;
let simulator: FcmSimulator;
let deps: NotificationsDeps;
const retry = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000, maxRetryAfterMs: 3_600_000 };

beforeAll(async () => {
  simulator = await startFcmSimulator();
  fixture = await startServiceFixture(inject('databaseUrl'), {
    FCM_BASE_URL: simulator.url,
    FCM_PROJECT_ID: simulator.projectId,
    FCM_ACCESS_TOKEN: simulator.accessToken,
  });
  deps = { ...fixture.deps, push: { ...fixture.deps.push, retry } };
});
afterAll(async () => {
  await fixture?.stop();
  await simulator?.close();
});
beforeEach(() => simulator.reset());

// the test does the delivery job's work itself: no background polling to race with
const deliver = () => deliverDuePushes(deps);
const db = () => fixture.context.db;
const token = (label: string) => `${label}-${newId()}`;

async function customerWithDevices(...tokens: string[]): Promise<Recipient> {
  const recipient: Recipient = { kind: 'customer', id: newId() };
  for (const [index, deviceToken] of tokens.entries())
    await registerDevice(deps, recipient, `device-${index}`, { token: deviceToken, platform: 'android' });
  return recipient;
}

async function notify(recipient: Recipient): Promise<string> {
  const event = createEvent(
    'booking.confirmed',
    {
      bookingId: newId(),
      customerId: recipient.id,
      hubId: 'hub-1',
      serviceName: 'Sofa cleaning',
      scheduledFor: null,
    },
    { actor: { kind: 'system', id: 'booking' }, clock: fixture.clock },
  );
  const [stored] = await db().transaction((tx) =>
    storeNotifications(tx, notificationsFor(event), event.id, fixture.clock.now()),
  );
  return stored!.notification.id;
}

async function deliveries(notificationId: string) {
  const { rows } = await db().pool.query<{
    device_id: string;
    status: string;
    attempts: number;
    message_id: string | null;
    last_error: string | null;
    wait_s: number;
  }>(
    `SELECT device_id, status, attempts, message_id, last_error,
            round(EXTRACT(EPOCH FROM next_attempt_at - now()))::int AS wait_s
     FROM push_deliveries WHERE notification_id = $1 ORDER BY device_id`,
    [notificationId],
  );
  return rows;
}

/** Time passes for the retry schedule: every pending delivery of the notification becomes due. */
const makeDue = (notificationId: string) =>
  db().pool.query(`UPDATE push_deliveries SET next_attempt_at = now() WHERE notification_id = $1`, [
    notificationId,
  ]);

describe('push delivery', () => {
  it('sends one push per device with its current token, once however often it runs', async () => {
    const [phone, laptop] = [token('phone'), token('laptop')];
    const recipient = await customerWithDevices(phone, laptop);
    const notificationId = await notify(recipient);
    await deliver();
    await deliver();
    expect(simulator.delivered(phone)).toHaveLength(1);
    expect(simulator.delivered(laptop)).toHaveLength(1);
    expect(simulator.delivered(phone)[0]?.message).toMatchObject({
      notification: { title: 'Booking confirmed — searching for a partner' },
      data: { notificationId, kind: 'booking.confirmed' },
    });
    const rows = await deliveries(notificationId);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(rows[0]?.message_id).toMatch(/^projects\/zefy-local\/messages\//);
    // no app URL configured: a tap opens the app's start page
    expect(simulator.delivered(phone)[0]?.message).not.toHaveProperty(['webpush', 'fcm_options']);
  });

  it("links each push to its screen in the recipient's app once the apps' URLs are configured", async () => {
    const linking: NotificationsDeps = {
      ...deps,
      push: {
        ...deps.push,
        appUrls: { customer: 'https://zefy.example/', partner: 'https://zefy.example/partner/' },
      },
    };
    const phone = token('customer-phone');
    await notify(await customerWithDevices(phone));
    const partnerPhone = token('partner-phone');
    const partner: Recipient = { kind: 'partner', id: newId() };
    await registerDevice(deps, partner, 'phone', { token: partnerPhone, platform: 'web' });
    const offer: NotificationDraft = {
      kind: 'dispatch.offers_sent',
      recipients: [partner],
      title: 'New job: Sofa cleaning',
      body: 'Now in Indiranagar',
      data: { bookingId: 'b-7', offerId: 'o-7' },
      pushOnly: { collapseId: 'offer:b-7', expiresAt: null },
    };
    await db().transaction((tx) => queuePushOnly(tx, [offer], newId(), fixture.clock.now()));
    await deliverDuePushes(linking);
    const customerPush = simulator.delivered(phone)[0]?.message as
      | { data: { bookingId: string } }
      | undefined;
    expect(customerPush?.data.bookingId).toBeDefined();
    expect(customerPush).toMatchObject({
      webpush: { fcm_options: { link: `https://zefy.example/bookings/${customerPush?.data.bookingId}` } },
    });
    expect(simulator.delivered(partnerPhone)[0]?.message).toMatchObject({
      webpush: { fcm_options: { link: 'https://zefy.example/partner/' } },
    });
  });

  it('deletes a token FCM calls UNREGISTERED or not a valid token, and keeps the others', async () => {
    const [gone, invalid, fine] = [token('gone'), token('invalid'), token('fine')];
    simulator.script(gone, { failure: 'UNREGISTERED' });
    simulator.script(invalid, { failure: 'INVALID_ARGUMENT' });
    const recipient = await customerWithDevices(gone, invalid, fine);
    const notificationId = await notify(recipient);
    await deliver();
    expect((await listDevices(db().pool, recipient)).map((device) => device.token)).toEqual([fine]);
    expect((await deliveries(notificationId)).map((row) => row.status)).toEqual(['failed', 'failed', 'sent']);
  });

  it('waits at least Retry-After after a 429, then delivers', async () => {
    const busy = token('busy');
    simulator.script(busy, { failure: 'QUOTA_EXCEEDED', times: 1, retryAfterSeconds: 120 });
    const notificationId = await notify(await customerWithDevices(busy));
    await deliver();
    const [waiting] = await deliveries(notificationId);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.wait_s).toBeGreaterThanOrEqual(119);
    expect(waiting?.last_error).toContain('QUOTA_EXCEEDED (429)');
    await deliver();
    expect(simulator.delivered(busy)).toHaveLength(0);

    await makeDue(notificationId);
    await deliver();
    expect((await deliveries(notificationId))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(simulator.delivered(busy)).toHaveLength(1);
  });

  it('gives up after the last attempt on a persistent 503, keeping the token', async () => {
    const down = token('down');
    simulator.script(down, { failure: 'UNAVAILABLE' });
    const recipient = await customerWithDevices(down);
    const notificationId = await notify(recipient);
    for (let round = 0; round < retry.maxAttempts + 2; round++) {
      await deliver();
      await makeDue(notificationId);
    }
    expect((await deliveries(notificationId))[0]).toMatchObject({
      status: 'failed',
      attempts: retry.maxAttempts,
    });
    expect(simulator.sends().filter((send) => send.target.token === down)).toHaveLength(retry.maxAttempts);
    expect(await listDevices(db().pool, recipient)).toHaveLength(1);
  });

  it('uses a token refreshed after queuing and skips a device removed after queuing', async () => {
    const [old, removed] = [token('old'), token('removed')];
    const recipient = await customerWithDevices(old, removed);
    const notificationId = await notify(recipient);
    const refreshed = token('refreshed');
    await registerDevice(deps, recipient, 'device-0', { token: refreshed, platform: 'android' });
    await unregisterDevice(deps, recipient, 'device-1');
    await deliver();
    expect(simulator.delivered(refreshed)).toHaveLength(1);
    expect(
      simulator.sends().filter((send) => send.target.token === old || send.target.token === removed),
    ).toEqual([]);
    expect((await deliveries(notificationId)).map((row) => row.status)).toEqual(['sent', 'skipped']);
  });

  it('sends a push-only offer under its collapse id without an inbox entry, once, and never after it expired', async () => {
    const [onTime, tooLate] = [token('on-time'), token('too-late')];
    const fresh: Recipient = { kind: 'partner', id: newId() };
    const stale: Recipient = { kind: 'partner', id: newId() };
    await registerDevice(deps, fresh, 'phone', { token: onTime, platform: 'android' });
    await registerDevice(deps, stale, 'phone', { token: tooLate, platform: 'android' });
    const now = fixture.clock.now();
    const offer = (recipient: Recipient, expiresAt: Date): NotificationDraft => ({
      kind: 'dispatch.offers_sent',
      recipients: [recipient],
      title: 'New job: Sofa cleaning',
      body: 'Now in Indiranagar',
      data: { bookingId: 'b-1', offerId: `o-${recipient.id}` },
      pushOnly: { collapseId: 'offer:b-1', expiresAt: expiresAt.toISOString() },
    });
    // the push job reads the database's clock, as it does for when a delivery is due
    const drafts = [offer(fresh, new Date(Date.now() + 60_000)), offer(stale, new Date(Date.now() - 1000))];
    const eventId = newId();
    const queue = () => db().transaction((tx) => queuePushOnly(tx, drafts, eventId, now));
    expect(await queue()).toBe(2);
    expect(await queue()).toBe(0);
    await deliver();
    expect(simulator.delivered(onTime).map((send) => send.message)).toMatchObject([
      {
        notification: { title: 'New job: Sofa cleaning' },
        data: { bookingId: 'b-1', kind: 'dispatch.offers_sent' },
        android: { notification: { tag: 'offer:b-1' } },
      },
    ]);
    expect(JSON.stringify(simulator.delivered(onTime)[0]?.message)).not.toContain('notificationId');
    expect(simulator.sends().filter((send) => send.target.token === tooLate)).toEqual([]);
    const { rows } = await db().pool.query<{ owner_id: string; status: string; last_error: string | null }>(
      'SELECT owner_id, status, last_error FROM push_deliveries WHERE source_event_id = $1',
      [eventId],
    );
    expect(Object.fromEntries(rows.map((row) => [row.owner_id, [row.status, row.last_error]]))).toEqual({
      [fresh.id]: ['sent', null],
      [stale.id]: ['skipped', 'expired'],
    });
    const inbox = await db().pool.query('SELECT 1 FROM notifications WHERE recipient_id = ANY($1)', [
      [fresh.id, stale.id],
    ]);
    expect(inbox.rowCount).toBe(0);
  });

  it('ignores an outcome reported after another worker took the delivery over', async () => {
    const recipient = await customerWithDevices(token('late'));
    const notificationId = await notify(recipient);
    const { rows } = await db().pool.query<{ id: string }>(
      'SELECT id FROM push_deliveries WHERE notification_id = $1',
      [notificationId],
    );
    await deliver();
    await recordOutcome(
      db(),
      { id: rows[0]!.id, attempt: 0, token: 'stale' },
      { type: 'PushFailed', error: 'late', tokenRejected: true },
    );
    expect((await deliveries(notificationId))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await listDevices(db().pool, recipient)).toHaveLength(1);
  });
});

describe('push housekeeping', () => {
  const daysAgo = (days: number) => new Date(fixture.clock.now().getTime() - days * 24 * 3600_000);

  it('drops devices unseen for 270 days and deliveries finished a month ago, never a pending one', async () => {
    const recipient = await customerWithDevices(token('old-phone'), token('phone'));
    const sent = await notify(recipient);
    await deliver();
    const pending = await notify(recipient);
    await db().pool.query(
      `UPDATE push_deliveries SET finished_at = CASE device_id WHEN 'device-0' THEN $2::timestamptz ELSE $3::timestamptz END
       WHERE notification_id = $1`,
      [sent, daysAgo(31), daysAgo(29)],
    );
    // a pending delivery is kept however old its timestamps
    await db().pool.query('UPDATE push_deliveries SET finished_at = $2 WHERE notification_id = $1', [
      pending,
      daysAgo(60),
    ]);
    await db().pool.query(
      "UPDATE devices SET last_seen_at = $2 WHERE owner_id = $1 AND device_id = 'device-0'",
      [recipient.id, daysAgo(271)],
    );

    await pruneDevicesAndDeliveries(deps);

    expect((await listDevices(db().pool, recipient)).map((device) => device.deviceId)).toEqual(['device-1']);
    expect((await deliveries(sent)).map((row) => [row.device_id, row.status])).toEqual([
      ['device-1', 'sent'],
    ]);
    expect((await deliveries(pending)).map((row) => row.status)).toEqual(['pending', 'pending']);
  });
});
