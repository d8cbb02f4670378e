import { randomUUID } from 'node:crypto';
import type { BookingView, ServerMessage } from '@zefy/contracts';
import { type Database, newId } from '@zefy/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturePayment } from '../../services/booking/src/booking/booking.repository.ts';
import {
  upsertAddress,
  upsertCustomer,
  upsertHub,
  upsertPartner,
  upsertService,
} from '../../services/booking/src/projections/projections.repository.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

let zefy: TestPlatform;
let bookingDb: Database;

beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false, env: { BOOKING_HOLD_TTL_SECONDS: '120' } });
  const booking = zefy.platform.services.find((service) => service.module.name === 'booking');
  if (!booking) throw new Error('booking is not running in the gateway');
  bookingDb = booking.context.db;
});
afterAll(async () => {
  await zefy?.stop();
});

const api = async (
  path: string,
  init: { method?: string; token?: string; json?: unknown; idempotencyKey?: string } = {},
) => {
  const headers = new Headers();
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.idempotencyKey) headers.set('idempotency-key', init.idempotencyKey);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(`${zefy.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** Booking's projections as the identity, catalog and locations events will fill them (phase 2 of issue 5). */
async function seedCity() {
  const at = new Date().toISOString();
  const hubId = newId();
  const serviceId = newId();
  const partnerId = newId();
  const customerId = newId();
  const addressId = newId();
  await bookingDb.transaction(async (tx) => {
    await upsertHub(
      tx,
      { id: hubId, name: 'Central', timezone: 'Asia/Kolkata', isActive: true, bbox: null },
      at,
    );
    await upsertService(
      tx,
      {
        id: serviceId,
        name: 'Kitchen cleaning',
        skill: 'cleaning',
        includedMinutes: 90,
        basePricePaise: 79_900,
        graceMinutes: 10,
        extraBlockMinutes: 30,
        extraBlockPricePaise: 19_900,
        taxRateBasisPoints: 1800,
        isActive: true,
      },
      at,
    );
    await upsertPartner(
      tx,
      { id: partnerId, hubId, skills: ['cleaning'], status: 'approved', name: 'Asha' },
      at,
    );
    await upsertCustomer(tx, { id: customerId, phone: '+919812345678' }, at);
    await upsertAddress(
      tx,
      { id: addressId, customerId, hubId, isServiceable: true, lat: 12.97, lng: 77.6, isDeleted: false },
      at,
    );
  });
  return { hubId, serviceId, partnerId, customerId, addressId };
}

describe('booking through the gateway', () => {
  it('goes from a partner online to a held, then confirmed booking, pushed live to the customer and the admins', async () => {
    const city = await seedCity();
    const partner = await zefy.tokenFor('partner', city.partnerId);
    const customer = await zefy.tokenFor('customer', city.customerId);

    const schedule = await api('/api/v1/partner/schedule', {
      method: 'PUT',
      token: partner,
      json: {
        weekly: {
          mon: [{ start: '09:00', end: '13:00' }],
          tue: [],
          wed: [],
          thu: [],
          fri: [],
          sat: [],
          sun: [{ start: '10:00', end: '09:00' }],
        },
        daysOff: [],
      },
    });
    expect(schedule).toMatchObject({ status: 422, body: { code: 'BOOKING.SCHEDULE_INVALID' } });
    const online = await api('/api/v1/partner/presence', {
      method: 'PUT',
      token: partner,
      json: { online: true, lat: 12.971, lng: 77.601 },
    });
    expect(online.body).toMatchObject({
      online: true,
      hubId: city.hubId,
      isInHub: true,
      freshForSeconds: 60,
    });

    const userSocket = await connectWebSocket(zefy.baseUrl, customer);
    await userSocket.subscribe(`user:${city.customerId}`);
    const adminSocket = await connectWebSocket(zefy.baseUrl, zefy.adminToken);
    await adminSocket.subscribe('admin');

    const availability = await api(
      `/api/v1/availability?serviceId=${city.serviceId}&addressId=${city.addressId}`,
      { token: customer },
    );
    expect(availability.body).toMatchObject({
      isServiceable: true,
      now: { available: true },
      slotMinutes: 90,
    });

    const placed = await api('/api/v1/holds', {
      method: 'POST',
      token: customer,
      idempotencyKey: randomUUID(),
      json: { serviceId: city.serviceId, addressId: city.addressId, window: { kind: 'now' } },
    });
    expect(placed.status).toBe(201);
    const hold = placed.body as unknown as BookingView;
    expect(hold).toMatchObject({
      status: 'held',
      price: { basePaise: 79_900, taxPaise: 14_382, totalPaise: 94_282 },
    });
    expect(Date.parse(hold.holdExpiresAt) - Date.parse(hold.createdAt)).toBe(120_000);

    const isEvent = (type: string) => (message: ServerMessage) =>
      message.type === 'event' &&
      message.event.type === type &&
      (message.event.data as { bookingId: string }).bookingId === hold.id;
    await userSocket.next(isEvent('booking.held'));
    await adminSocket.next(isEvent('booking.held'));

    await capturePayment(
      bookingDb,
      { bookingId: hold.id, orderId: newId(), paymentId: newId(), amountPaise: hold.price.totalPaise },
      zefy.platform.infra.clock,
    );
    const confirmed = await userSocket.next(isEvent('booking.confirmed'));
    expect(confirmed).toMatchObject({
      event: { data: { serviceName: 'Kitchen cleaning', scheduledFor: null, amountPaise: 94_282 } },
    });
    await adminSocket.next(isEvent('booking.confirmed'));
    const view = await api(`/api/v1/bookings/${hold.id}`, { token: customer });
    expect(view.body).toMatchObject({ status: 'confirmed' });

    const stranger = await zefy.tokenFor('customer');
    expect((await api(`/api/v1/bookings/${hold.id}`, { token: stranger })).status).toBe(404);
    userSocket.close();
    adminSocket.close();
  });

  it('documents the booking routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${zefy.baseUrl}/docs/json`)).json()) as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      '/api/v1/availability',
      '/api/v1/holds',
      '/api/v1/partner/schedule',
      '/api/v1/partner/presence',
    ])
      expect(doc.paths[path]).toBeDefined();
  });
});
