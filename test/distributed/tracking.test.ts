import { type BookingView, type CatalogService, channels, type ServerMessage } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { dispatchAt } from '../support/dispatch.ts';
import {
  type CustomerAtHome,
  customerAtHome,
  hubWithService,
  type PartnerOnDuty,
  paidNowBooking,
  partnerCreated,
  partnerOnDuty,
  publishFacts,
} from '../support/dispatch-crew.ts';
import { connectWebSocket } from '../support/ws-client.ts';

let cluster: Cluster;
let partnerGateway: string;
let customerGateway: string;
let service: CatalogService;
let partner: PartnerOnDuty;
let customer: CustomerAtHome;

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
  const adminToken = await cluster.tokenFor('admin');
  const crew = await hubWithService(partnerGateway, adminToken, {
    name: 'Kitchen cleaning',
    basePricePaise: 59_900,
  });
  service = crew.service;
  const partnerId = newId();
  await publishFacts(cluster, [partnerCreated(partnerId, 0, service.id, crew.hub.id)]);
  partner = await partnerOnDuty(cluster, partnerGateway, partnerId);

  customer = await customerAtHome(customerGateway);
}, 120_000);

afterAll(async () => {
  partner?.socket.close();
  expect(await cluster?.stop()).toEqual([0, 0]);
});

/** A paid "now" booking the partner accepted. */
async function acceptedBooking(): Promise<BookingView> {
  const hold = await paidNowBooking(cluster, customerGateway, customer, service.id);
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
