import type { InboxNotification, NotificationPage, Principal, ServerMessage } from '@zefy/contracts';
import { createEvent, type DomainEvent, ManualClock, newId, realtimeChannel } from '@zefy/platform';
import { offersSentData } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerDevice } from '../devices/devices.commands.ts';
import { staleDeviceAfterMs } from '../devices/devices.ts';
import type { Recipient } from '../recipients.ts';
import { type ServiceFixture, startServiceFixture } from '../service.fixture.ts';
import { inboxSubscriptions } from './notifications.consumers.ts';

let fixture: ServiceFixture;
let pushWakeUps = 0;
let handle: (event: DomainEvent) => Promise<void>;
beforeAll(async () => {
  fixture = await startServiceFixture(inject('databaseUrl'));
  // stands in for the push job, which the fixture does not run
  fixture.deps.push.queued.attach(() => {
    pushWakeUps += 1;
  });
  const [subscription] = inboxSubscriptions(fixture.deps);
  handle = (event) => subscription!.handler(event, { attempt: 1, redelivered: false });
});
afterAll(async () => {
  await fixture?.stop();
});

const system = { kind: 'system' as const, id: 'booking' };
const confirmed = (customerId: string, serviceName = 'Deep cleaning') =>
  createEvent(
    'booking.confirmed',
    { bookingId: newId(), customerId, hubId: 'hub-1', serviceName, scheduledFor: null },
    { actor: system, clock: fixture.clock },
  );

async function call<T>(principal: Principal, method: 'GET' | 'POST', url: string) {
  const response = await fixture.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await fixture.tokenFor(principal)}` },
  });
  return { status: response.statusCode, body: response.json() as T };
}
const inbox = async (principal: Principal, query = '') =>
  (await call<NotificationPage>(principal, 'GET', `/api/v1/me/notifications${query}`)).body;

const registerSeenAt = (recipient: Recipient, deviceId: string, platform: 'android' | 'web', seenAt: Date) =>
  registerDevice({ ...fixture.deps, clock: new ManualClock(seenAt) }, recipient, deviceId, {
    token: `tok-${newId()}`,
    platform,
  });

async function pushRows(notificationId: string) {
  const { rows } = await fixture.context.db.pool.query<{ device_id: string; status: string }>(
    'SELECT device_id, status FROM push_deliveries WHERE notification_id = $1 ORDER BY device_id',
    [notificationId],
  );
  return rows;
}

describe('the inbox consumer', () => {
  it('stores a delivered-twice booking.confirmed once, queues one push per fresh device and tells the app once', async () => {
    const customer: Principal = { id: newId(), role: 'customer' };
    const recipient: Recipient = { kind: 'customer', id: customer.id };
    const now = fixture.clock.now();
    await registerSeenAt(recipient, 'old-phone', 'android', new Date(now.getTime() - staleDeviceAfterMs - 1));
    await registerSeenAt(recipient, 'phone', 'android', now);
    await registerSeenAt(recipient, 'laptop', 'web', now);
    const realtime: ServerMessage[] = [];
    const unsubscribe = await fixture.context.cache.subscribe(
      realtimeChannel(`user:${customer.id}`),
      (raw) => {
        realtime.push(JSON.parse(raw) as ServerMessage);
      },
    );
    const wakeUpsBefore = pushWakeUps;

    const event = confirmed(customer.id);
    await handle(event);
    await handle(structuredClone(event));

    const page = await inbox(customer);
    expect(page.unreadCount).toBe(1);
    expect(page.items).toEqual([
      {
        id: expect.any(String),
        kind: 'booking.confirmed',
        title: 'Booking confirmed — searching for a partner',
        body: 'Your Deep cleaning booking is confirmed. We are finding a verified partner near you now.',
        data: { bookingId: event.data.bookingId },
        subject: { bookingId: event.data.bookingId, path: `bookings/${event.data.bookingId}` },
        createdAt: fixture.clock.now().toISOString(),
        readAt: null,
      },
    ]);
    expect(await pushRows(page.items[0]!.id)).toEqual([
      { device_id: 'laptop', status: 'pending' },
      { device_id: 'phone', status: 'pending' },
    ]);
    expect(pushWakeUps - wakeUpsBefore).toBe(1);
    await expect.poll(() => realtime.length).toBe(1);
    expect(realtime[0]).toEqual({
      type: 'notification',
      channel: `user:${customer.id}`,
      notification: page.items[0],
    });
    await unsubscribe();
  });

  it('pushes each offer of a wave to its own partner’s devices only, once: no inbox entry, no inbox message', async () => {
    const partners = Array.from({ length: 3 }, () => ({ id: newId(), role: 'partner' as const }));
    for (const partner of partners)
      await registerSeenAt({ kind: 'partner', id: partner.id }, 'phone', 'android', fixture.clock.now());
    const sentAt = fixture.clock.now().toISOString();
    const wave = createEvent(
      'dispatch.offers_sent',
      offersSentData({
        bookingId: newId(),
        sentAt,
        offers: partners.map((partner, index) => ({
          offerId: newId(),
          partnerId: partner.id,
          distanceMeters: 1000 * (index + 1),
        })),
      }),
      { actor: system, clock: fixture.clock },
    );
    const messages: string[] = [];
    const unsubscribe = await fixture.context.cache.subscribe(
      realtimeChannel(`partner:${partners[0]!.id}`),
      (message) => messages.push(message),
    );
    const wakeUpsBefore = pushWakeUps;
    await handle(wave);
    await handle(structuredClone(wave));
    expect(pushWakeUps).toBe(wakeUpsBefore + 1);
    for (const [index, partner] of partners.entries()) {
      expect((await inbox(partner)).items).toEqual([]);
      const { rows } = await fixture.context.db.pool.query(
        `SELECT device_id, status, data->>'offerId' AS offer_id, collapse_id FROM push_deliveries
         WHERE owner_kind = 'partner' AND owner_id = $1`,
        [partner.id],
      );
      expect(rows).toEqual([
        {
          device_id: 'phone',
          status: 'pending',
          offer_id: wave.data.offers[index]?.offerId,
          collapse_id: `offer:${wave.data.bookingId}`,
        },
      ]);
    }
    expect(messages).toEqual([]);
    await unsubscribe();
  });

  it('refuses an event whose data breaks its contract, storing nothing', async () => {
    const customerId = newId();
    const broken = {
      ...confirmed(customerId),
      data: { bookingId: 'b', customerId },
    } as unknown as DomainEvent;
    await expect(handle(broken)).rejects.toThrow(/does not match its v1 contract/);
    expect((await inbox({ id: customerId, role: 'customer' })).items).toEqual([]);
  });
});

describe('the inbox routes', () => {
  it('pages newest first with a cursor and counts unread entries', async () => {
    const customer: Principal = { id: newId(), role: 'customer' };
    for (const name of ['First', 'Second', 'Third']) {
      fixture.clock.advance(1_000);
      await handle(confirmed(customer.id, name));
    }
    const first = await inbox(customer, '?limit=2');
    expect(first.items.map((item) => item.body.split(' ')[1])).toEqual(['Third', 'Second']);
    expect(first.unreadCount).toBe(3);
    expect(first.nextCursor).toBe(first.items[1]!.id);
    const second = await inbox(customer, `?limit=2&before=${first.nextCursor}`);
    expect(second.items.map((item) => item.body.split(' ')[1])).toEqual(['First']);
    expect(second.nextCursor).toBeNull();
  });

  it('marks an entry read once, keeps the first read time, and hides other people’s entries', async () => {
    const customer: Principal = { id: newId(), role: 'customer' };
    await handle(confirmed(customer.id));
    await handle(confirmed(customer.id));
    const [latest] = (await inbox(customer)).items as [InboxNotification];
    const read = await call<{ notification: InboxNotification; unreadCount: number }>(
      customer,
      'POST',
      `/api/v1/me/notifications/${latest.id}/read`,
    );
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      notification: { ...latest, readAt: fixture.clock.now().toISOString() },
      unreadCount: 1,
    });
    fixture.clock.advance(5_000);
    const again = await call<{ notification: InboxNotification }>(
      customer,
      'POST',
      `/api/v1/me/notifications/${latest.id}/read`,
    );
    expect(again.body.notification.readAt).toBe(read.body.notification.readAt);

    const stranger: Principal = { id: newId(), role: 'customer' };
    const foreign = await call<{ code: string }>(
      stranger,
      'POST',
      `/api/v1/me/notifications/${latest.id}/read`,
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOTIFICATIONS.NOT_FOUND');
    const partnerWithSameId: Principal = { id: customer.id, role: 'partner' };
    expect((await inbox(partnerWithSameId)).items).toEqual([]);

    const all = await call<{ unreadCount: number }>(customer, 'POST', '/api/v1/me/notifications/read-all');
    expect(all.body).toEqual({ unreadCount: 0 });
    const count = await call<{ unreadCount: number }>(
      customer,
      'GET',
      '/api/v1/me/notifications/unread-count',
    );
    expect(count.body).toEqual({ unreadCount: 0 });
  });

  it('rejects a malformed cursor and an oversized page with problem details', async () => {
    const customer: Principal = { id: newId(), role: 'customer' };
    const badCursor = await call<{ code: string }>(customer, 'GET', '/api/v1/me/notifications?before=nope');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect((await call(customer, 'GET', '/api/v1/me/notifications?limit=1000')).status).toBe(400);
  });
});
