import { randomUUID } from 'node:crypto';
import { type BookingDeps, bookingService } from '@zefy/booking';
import type { Address, Availability, BookingView, ServerMessage } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { seedDemoCity } from '@zefy/gateway';
import { createLogger, newId, runningInstanceOf } from '@zefy/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturePayment } from '../../services/booking/src/booking/booking.commands.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

let zefy: TestPlatform;
let booking: BookingDeps;

// Indiranagar: the demo hub of Ananya's home; one partner per trade per hub
const home = demoCity.locations.addresses.find((address) => address.label === 'Home') as {
  lat: number;
  lng: number;
};
const service = demoCity.catalog.services[0] as { id: string; name: string };
const hubPartners = (serviceId: string) =>
  demoCity.identity.partners.filter((partner) => partner.skills.includes(serviceId));

beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false, env: { BOOKING_HOLD_TTL_SECONDS: '120' } });
  const running = runningInstanceOf(zefy.platform.services, bookingService);
  if (!running) throw new Error('booking is not running in the gateway');
  booking = running.deps;
  await seedDemoCity(zefy.platform.services, {
    logger: createLogger({ level: 'silent' }),
    dataDir: zefy.dataDir,
  });
});
afterAll(async () => {
  await zefy?.stop();
});

const api = async <T = Record<string, unknown>>(
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
  return { status: response.status, body: (await response.json()) as T & { code?: string } };
};

/** A new customer with a home near Ananya's, once booking has heard of the address (events are async). */
async function newCustomer() {
  const customerId = newId();
  const token = await zefy.tokenFor('customer', customerId);
  const saved = await api<Address>('/api/v1/locations/addresses', {
    method: 'POST',
    token,
    idempotencyKey: randomUUID(),
    json: { label: 'Home', line1: '100 Feet Road', lat: home.lat, lng: home.lng },
  });
  expect(saved.status).toBe(201);
  expect(saved.body.isServiceable).toBe(true);
  const address = saved.body;
  const availability = () =>
    api<Availability>(`/api/v1/availability?serviceId=${service.id}&addressId=${address.id}`, { token });
  await expect.poll(async () => (await availability()).status, { timeout: 15_000 }).toBe(200);
  return { customerId, token, address, availability };
}

const isEvent = (type: string, bookingId: string) => (message: ServerMessage) =>
  message.type === 'event' &&
  message.event.type === type &&
  (message.event.data as { bookingId: string }).bookingId === bookingId;

describe('booking on the demo city, fed by catalog, locations and identity events', () => {
  it('gives exactly one hold to 50 customers racing for the one partner online for a service', async () => {
    const customers = await Promise.all(Array.from({ length: 50 }, () => newCustomer()));
    const hubId = customers[0]?.address.hubId as string;
    const [partner] = hubPartners(service.id).filter((candidate) => candidate.hubId === hubId);
    if (!partner) throw new Error(`no demo partner for ${service.name} in ${hubId}`);
    const partnerToken = await zefy.tokenFor('partner', partner.id);
    await expect
      .poll(
        async () =>
          (
            await api('/api/v1/partner/presence', {
              method: 'PUT',
              token: partnerToken,
              json: { online: true, lat: home.lat, lng: home.lng },
            })
          ).status,
        { timeout: 15_000 },
      )
      .toBe(200);

    const results = await Promise.all(
      customers.map(async (customer) => {
        const availability = await customer.availability();
        expect(availability.body.isServiceable).toBe(true);
        return api<BookingView>('/api/v1/holds', {
          method: 'POST',
          token: customer.token,
          idempotencyKey: randomUUID(),
          json: { serviceId: service.id, addressId: customer.address.id, window: { kind: 'now' } },
        });
      }),
    );
    const won = results.filter((result) => result.status === 201);
    expect(won).toHaveLength(1);
    expect(
      results.filter((result) => result.status === 409 && result.body.code === 'BOOKING.NO_CAPACITY'),
    ).toHaveLength(49);
    expect(won[0]?.body).toMatchObject({
      status: 'held',
      serviceName: service.name,
      window: { kind: 'now' },
    });
  });

  it('pushes the hold and its confirmation live to the customer and to the admins', async () => {
    const customer = await newCustomer();
    const hubId = customer.address.hubId as string;
    // a later slot: the schedule of another service's partner in the hub
    const other = demoCity.catalog.services.find((candidate) =>
      hubPartners(candidate.id).some(
        (partner) => partner.hubId === hubId && !partner.skills.includes(service.id),
      ),
    ) as { id: string; name: string };
    const partner = hubPartners(other.id).find((candidate) => candidate.hubId === hubId);
    if (!partner) throw new Error('no partner');
    const partnerToken = await zefy.tokenFor('partner', partner.id);
    const everyDay = [{ start: '06:00', end: '22:00' }];
    const saved = await api('/api/v1/partner/schedule', {
      method: 'PUT',
      token: partnerToken,
      json: {
        weekly: {
          mon: everyDay,
          tue: everyDay,
          wed: everyDay,
          thu: everyDay,
          fri: everyDay,
          sat: everyDay,
          sun: everyDay,
        },
        daysOff: [],
      },
    });
    expect(saved.status).toBe(200);

    const tomorrow = new Date(Date.now() + 24 * 3600_000).toLocaleDateString('en-CA', {
      timeZone: 'Asia/Kolkata',
    });
    const day = await api<Availability>(
      `/api/v1/availability?serviceId=${other.id}&addressId=${customer.address.id}&date=${tomorrow}`,
      { token: customer.token },
    );
    const slot = day.body.slots.find((candidate) => candidate.available);
    if (!slot) throw new Error(`no slot on ${tomorrow}: ${JSON.stringify(day.body)}`);

    const userSocket = await connectWebSocket(zefy.baseUrl, customer.token);
    await userSocket.subscribe(`user:${customer.customerId}`);
    const adminSocket = await connectWebSocket(zefy.baseUrl, zefy.adminToken);
    await adminSocket.subscribe('admin');

    const placed = await api<BookingView>('/api/v1/holds', {
      method: 'POST',
      token: customer.token,
      idempotencyKey: randomUUID(),
      json: {
        serviceId: other.id,
        addressId: customer.address.id,
        window: { kind: 'slot', startsAt: slot.startsAt },
      },
    });
    expect(placed.status).toBe(201);
    const hold = placed.body;
    expect(Date.parse(hold.holdExpiresAt) - Date.parse(hold.createdAt)).toBe(120_000);
    await userSocket.next(isEvent('booking.held', hold.id));
    await adminSocket.next(isEvent('booking.held', hold.id));

    await booking.db.transaction((tx) =>
      capturePayment(booking, tx, {
        bookingId: hold.id,
        orderId: newId(),
        paymentId: newId(),
        customerId: hold.customerId,
        amountPaise: hold.price.totalPaise,
      }),
    );
    const confirmed = await userSocket.next(isEvent('booking.confirmed', hold.id));
    expect(confirmed).toMatchObject({
      event: { data: { serviceName: other.name, scheduledFor: slot.startsAt } },
    });
    await adminSocket.next(isEvent('booking.confirmed', hold.id));
    const listed = await api<{ items: Array<{ id: string; status: string }> }>(
      `/api/v1/admin/bookings?hubId=${hubId}&status=confirmed`,
      { token: zefy.adminToken },
    );
    expect(listed.body.items.map((item) => item.id)).toContain(hold.id);

    const stranger = await zefy.tokenFor('customer');
    expect((await api(`/api/v1/bookings/${hold.id}`, { token: stranger })).status).toBe(404);
    userSocket.close();
    adminSocket.close();
  });
});
