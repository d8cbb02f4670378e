import type { Device, NotificationPage, ServerMessage } from '@zefy/contracts';
import { inboxGroup } from '@zefy/notifications';
import { createEvent, newId } from '@zefy/platform';
import { type FcmSimulator, startFcmSimulator } from '@zefy/stand-ins/fcm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

let zefy: TestPlatform;
let fcm: FcmSimulator;

beforeAll(async () => {
  fcm = await startFcmSimulator({ projectId: 'zefy-system-test', accessToken: 'system-test-token' });
  zefy = await startPlatform({
    serveWebApps: false,
    env: { FCM_BASE_URL: fcm.url, FCM_PROJECT_ID: 'zefy-system-test', FCM_ACCESS_TOKEN: 'system-test-token' },
  });
});
afterAll(async () => {
  await zefy?.stop();
  await fcm?.close();
});

const api = async <T>(path: string, token: string, init: { method?: string; json?: unknown } = {}) => {
  const response = await fetch(`${zefy.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T };
};

/** How often the inbox consumer finished handling events of `type` (duplicates included). */
async function handled(type: string): Promise<number> {
  const { values } = await zefy.platform.infra.metrics.eventsHandled.get();
  return values
    .filter(
      (value) =>
        value.labels.group === inboxGroup && value.labels.type === type && value.labels.outcome === 'ok',
    )
    .reduce((sum, value) => sum + value.value, 0);
}

describe('notifications end to end', () => {
  it('turns one booking.confirmed, delivered twice, into one inbox entry, one push per device and one WebSocket message', async () => {
    const customerId = newId();
    const token = await zefy.tokenFor('customer', customerId);
    const [phone, tablet, uninstalled] = ['phone', 'tablet', 'uninstalled'].map(
      (name) => `${name}-${newId()}`,
    ) as [string, string, string];
    fcm.script(uninstalled, { failure: 'UNREGISTERED' });
    for (const [deviceId, pushToken] of [
      ['phone', phone],
      ['tablet', tablet],
      ['old-phone', uninstalled],
    ] as const) {
      const registered = await api(`/api/v1/me/devices/${deviceId}`, token, {
        method: 'PUT',
        json: { token: pushToken, platform: 'android' },
      });
      expect(registered.status).toBe(200);
    }
    const socket = await connectWebSocket(zefy.baseUrl, token);
    await socket.subscribe(`user:${customerId}`);

    const event = createEvent(
      'booking.confirmed',
      { bookingId: newId(), customerId, hubId: 'hub-1', serviceName: 'Kitchen cleaning', scheduledFor: null },
      { actor: { kind: 'system', id: 'booking' }, clock: zefy.platform.infra.clock },
    );
    const handledBefore = await handled('booking.confirmed');
    await zefy.platform.infra.bus.publish(event);
    await zefy.platform.infra.bus.publish(event);

    const message = await socket.next((m) => m.type === 'notification');
    await expect.poll(() => handled('booking.confirmed'), { timeout: 15_000 }).toBe(handledBefore + 2);
    await expect
      .poll(async () => (await api<{ items: Device[] }>('/api/v1/me/devices', token)).body.items.length, {
        timeout: 15_000,
      })
      .toBe(2);
    await expect
      .poll(() => fcm.delivered(phone).length + fcm.delivered(tablet).length, { timeout: 15_000 })
      .toBe(2);

    const inbox = (await api<NotificationPage>('/api/v1/me/notifications', token)).body;
    expect(inbox.unreadCount).toBe(1);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      kind: 'booking.confirmed',
      title: 'Booking confirmed — searching for a partner',
      data: { bookingId: event.data.bookingId },
      subject: { bookingId: event.data.bookingId, path: `bookings/${event.data.bookingId}` },
    });
    expect(message).toEqual({
      type: 'notification',
      channel: `user:${customerId}`,
      notification: inbox.items[0]!,
    } satisfies ServerMessage);
    expect(socket.messages.filter((m) => m.type === 'notification')).toHaveLength(1);
    expect(fcm.delivered(phone)).toHaveLength(1);
    expect(fcm.delivered(tablet)).toHaveLength(1);
    expect(
      fcm
        .sends()
        .filter((send) => send.target.token === uninstalled)
        .map((send) => send.status),
    ).toEqual([404]);
    const devices = (await api<{ items: Device[] }>('/api/v1/me/devices', token)).body.items;
    expect(devices.map((device) => device.deviceId).sort()).toEqual(['phone', 'tablet']);

    const read = await api<{ unreadCount: number }>(
      `/api/v1/me/notifications/${inbox.items[0]!.id}/read`,
      token,
      {
        method: 'POST',
      },
    );
    expect(read.body.unreadCount).toBe(0);
    socket.close();
  });

  it('tells a customer their payment is refunded, with the reason, and nobody else', async () => {
    const customerId = newId();
    const token = await zefy.tokenFor('customer', customerId);
    const bystander = await zefy.tokenFor('customer');
    const event = createEvent(
      'booking.rejected',
      { bookingId: newId(), customerId, amountPaise: 129_900, reason: 'hold_expired' },
      { actor: { kind: 'system', id: 'booking' }, clock: zefy.platform.infra.clock },
    );
    await zefy.platform.infra.bus.publish(event);
    await expect
      .poll(async () => (await api<NotificationPage>('/api/v1/me/notifications', token)).body.items.length, {
        timeout: 15_000,
      })
      .toBe(1);
    const [entry] = (await api<NotificationPage>('/api/v1/me/notifications', token)).body.items;
    expect(entry?.title).toBe('Payment refunded');
    expect(entry?.body).toContain(
      '₹1,299.00 is on its way back to you: the payment completed after your slot was released.',
    );
    expect((await api<NotificationPage>('/api/v1/me/notifications', bystander)).body.items).toEqual([]);
  });

  it('documents the routes and refuses them to admins', async () => {
    const doc = (await (await fetch(`${zefy.baseUrl}/docs/json`)).json()) as {
      paths: Record<string, object>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/me/devices/{deviceId}', '/api/v1/me/notifications']),
    );
    const admin = await api<{ code: string }>('/api/v1/me/notifications', zefy.adminToken);
    expect(admin.status).toBe(403);
  });
});
