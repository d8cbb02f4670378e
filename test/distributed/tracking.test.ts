import { randomUUID } from 'node:crypto';
import {
  type Address,
  type Availability,
  type BookingView,
  type CatalogService,
  channels,
  type Hub,
  type ServerMessage,
} from '@zefy/contracts';
import { createEvent, createRabbitMqBus, type DomainEvent, newId, systemClock } from '@zefy/platform';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiAt, createCategories, eventually } from '../support/api.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { dispatchAt } from '../support/dispatch.ts';
import { loginByOtp, randomPhone } from '../support/identity.ts';
import { connectWebSocket } from '../support/ws-client.ts';

const home = { lat: 12.95, lng: 77.65 };
const square: Array<[number, number]> = [
  [77.6, 12.9],
  [77.7, 12.9],
  [77.7, 13.0],
  [77.6, 13.0],
  [77.6, 12.9],
];

let cluster: Cluster;
let partnerGateway: string;
let customerGateway: string;
let service: CatalogService;
let partner: { id: string; token: string; socket: Awaited<ReturnType<typeof connectWebSocket>> };
let customer: { token: string; id: string; address: Address };

async function publish(events: DomainEvent[]): Promise<void> {
  const bus = await createRabbitMqBus({
    url: process.env.RABBITMQ_URL as string,
    exchange: `${cluster.namespace}.events`,
    queuePrefix: cluster.namespace,
  });
  try {
    for (const event of events) await bus.publish(event);
  } finally {
    await bus.close();
  }
}
const fromSystem = { actor: { kind: 'system' as const, id: 'test' }, clock: systemClock };

/**
 * Two gateways, each running every service, over the real servers: the partner on the first, the customer
 * on the second, so everything the customer sees crossed Redis from the other process.
 */
beforeAll(async () => {
  cluster = await startCluster({
    services: {},
    gateways: 2,
    gatewayEnv: {
      RATE_LIMIT_PER_MINUTE: '100000',
      BOOKING_DISPATCH_TICK_MS: '100',
      BOOKING_PRESENCE_FRESH_SECONDS: '600',
      TRACKING_ETA_EVERY_SECONDS: '1',
    },
  });
  [partnerGateway, customerGateway] = cluster.gatewayUrls as [string, string];
  const api = apiAt(partnerGateway);
  const adminToken = await cluster.tokenFor('admin');
  const hub = (await (
    await api('/api/v1/locations/hubs', {
      method: 'POST',
      token: adminToken,
      idempotencyKey: true,
      json: {
        name: 'Indiranagar',
        city: 'Bengaluru',
        timezone: 'Asia/Kolkata',
        polygon: { type: 'Polygon', coordinates: [square] },
      },
    })
  ).json()) as Hub;
  await createCategories(partnerGateway, adminToken, ['cleaning']);
  service = (await (
    await api('/api/v1/catalog/services', {
      method: 'POST',
      token: adminToken,
      idempotencyKey: true,
      json: { name: 'Kitchen cleaning', category: 'cleaning', basePricePaise: 59_900, skill: 'cleaning' },
    })
  ).json()) as CatalogService;
  const partnerId = newId();
  await publish([
    createEvent(
      'identity.partner_created',
      {
        partnerId,
        name: 'Partner on the move',
        phone: randomPhone(),
        photoUrl: null,
        skills: [service.id],
        hubId: hub.id,
        status: 'approved',
      },
      fromSystem,
    ),
  ]);
  const partnerToken = await cluster.tokenFor('partner', partnerId);
  await eventually(() => dispatchAt(partnerGateway).onDuty(partnerToken, home), 20_000);
  const socket = await connectWebSocket(partnerGateway, partnerToken);
  await socket.subscribe(channels.partner(partnerId));
  partner = { id: partnerId, token: partnerToken, socket };

  const login = await loginByOtp(customerGateway, randomPhone(), 'customer');
  const address = (await (
    await apiAt(customerGateway)('/api/v1/locations/addresses', {
      method: 'POST',
      token: login.accessToken,
      idempotencyKey: true,
      json: { label: 'Home', line1: '12th Main', lat: home.lat, lng: home.lng - 0.01 },
    })
  ).json()) as Address;
  customer = { token: login.accessToken, id: login.principal.id, address };
}, 120_000);

afterAll(async () => {
  partner?.socket.close();
  expect(await cluster?.stop()).toEqual([0, 0]);
});

/** A paid "now" booking the partner accepted. */
async function acceptedBooking(): Promise<BookingView> {
  const api = apiAt(customerGateway);
  const query = `serviceId=${service.id}&addressId=${customer.address.id}`;
  await eventually(async () => {
    const answer = await api(`/api/v1/availability?${query}`, { token: customer.token });
    expect(((await answer.json()) as Availability).now.available).toBe(true);
  }, 20_000);
  const held = await api('/api/v1/holds', {
    method: 'POST',
    token: customer.token,
    idempotencyKey: true,
    json: { serviceId: service.id, addressId: customer.address.id, window: { kind: 'now' } },
  });
  expect(held.status).toBe(201);
  const hold = (await held.json()) as BookingView;
  const payment = {
    orderId: newId(),
    razorpayOrderId: `order_${randomUUID().slice(0, 14)}`,
    holdId: hold.id,
    customerId: customer.id,
    amountPaise: hold.price.totalPaise,
    currency: 'INR' as const,
  };
  await publish([createEvent('payment.order_created', payment, fromSystem)]);
  await eventually(async () => {
    const view = await api(`/api/v1/bookings/${hold.id}`, { token: customer.token });
    expect(((await view.json()) as BookingView).status).toBe('awaiting_payment');
  }, 20_000);
  await publish([
    createEvent(
      'payment.captured',
      {
        ...payment,
        paymentId: newId(),
        razorpayPaymentId: `pay_${randomUUID().slice(0, 14)}`,
        method: 'upi',
        verifiedBy: 'webhook',
        capturedAt: new Date().toISOString(),
      },
      fromSystem,
    ),
  ]);
  const offered = await partner.socket.next(
    (message) =>
      message.type === 'event' &&
      message.event.type === 'dispatch.offers_sent' &&
      message.event.data.bookingId === hold.id,
    30_000,
  );
  if (offered.type !== 'event' || offered.event.type !== 'dispatch.offers_sent') throw new Error('no offer');
  const offerId = offered.event.data.offers[0]?.offerId as string;
  expect((await dispatchAt(partnerGateway).accept(partner.token, offerId)).status).toBe(200);
  return hold;
}

const trackingOf = (message: ServerMessage) => (message.type === 'tracking' ? message.update : undefined);

it('shows the customer on one gateway the positions and ETAs the partner uploads through another, in order', async () => {
  const booking = await acceptedBooking();
  const channel = channels.booking(booking.id);
  const watcher = await connectWebSocket(customerGateway, customer.token);
  expect(await watcher.subscribe(channel)).toEqual({ type: 'subscribed', channel });
  await watcher.next(
    (message) => message.type === 'change' && message.change.type === 'booking.partner_assigned',
  );

  expect((await dispatchAt(partnerGateway).onMyWay(partner.token, booking.id)).status).toBe(200);
  const enRoute = await watcher.next(
    (message) => message.type === 'change' && message.change.type === 'booking.en_route',
    20_000,
  );
  if (enRoute.type !== 'change' || enRoute.change.type !== 'booking.en_route')
    throw new Error('not en route');
  const destination = enRoute.change.data.destination as { lat: number; lng: number };
  // tracking learns of the journey from booking's events
  const api = apiAt(partnerGateway);
  const upload = (positions: unknown[]) =>
    api(`/api/v1/partner/jobs/${booking.id}/positions`, {
      method: 'POST',
      token: partner.token,
      json: { positions },
    });

  // 3 km north, coming 100 m closer every 10 s (36 km/h), the fixes a minute old and newer
  const start = Date.now() - 60_000;
  const fixes = Array.from({ length: 6 }, (_, index) => ({
    lat: destination.lat + (3000 - index * 100) / 111_320,
    lng: destination.lng,
    accuracyMeters: 8,
    fixAt: new Date(start + index * 10_000).toISOString(),
  }));
  await eventually(async () => expect((await upload([fixes[0]])).status).toBe(200), 20_000);
  for (const fix of fixes.slice(1)) {
    expect((await upload([fix])).status).toBe(200);
    // one ETA a second at most per booking: a pause lets the next upload bring a new one
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  }
  const last = fixes.at(-1)?.fixAt;
  await watcher.next((message) => {
    const update = trackingOf(message);
    return update?.kind === 'position' && update.position.fixAt === last;
  }, 20_000);
  const updates = watcher.messages.flatMap((message) => {
    const update = trackingOf(message);
    return update ? [update] : [];
  });
  const positions = updates.flatMap((update) => (update.kind === 'position' ? [update.position.fixAt] : []));
  expect(positions).toEqual(fixes.map((fix) => fix.fixAt));
  const etas = updates.flatMap((update) => (update.kind === 'eta' ? [update] : []));
  expect(etas.length).toBeGreaterThanOrEqual(2);
  const computed = etas.map((eta) => eta.computedAt);
  expect([...computed].sort()).toEqual(computed);
  // closer each time: each ETA is no longer than the one before
  const durations = etas.map((eta) => eta.durationSeconds);
  expect([...durations].sort((a, b) => b - a)).toEqual(durations);
  expect(updates.every((update) => update.bookingId === booking.id)).toBe(true);
  watcher.close();
});
