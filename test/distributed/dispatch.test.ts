import type { BookingView, CatalogService, Hub, ServerMessage } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
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

const partnerCount = 200;
let cluster: Cluster;
let db: pg.Client;
let adminToken: string;
let hub: Hub;
let service: CatalogService;
let customer: CustomerAtHome;
const partners: PartnerOnDuty[] = [];

/**
 * Two gateways, each running every service (booking too, so two dispatchers), over the real servers; every
 * partner approved for the hub (as identity announces it), on duty at the same spot, with a WebSocket on the
 * partner's channel, half on each gateway. The whole first wave is every partner.
 */
beforeAll(async () => {
  cluster = await startCluster({
    services: {},
    gateways: 2,
    gatewayEnv: {
      RATE_LIMIT_PER_MINUTE: '100000',
      BOOKING_DISPATCH_TICK_MS: '100',
      BOOKING_DISPATCH_FIRST_WAVE_SIZE: String(partnerCount),
      BOOKING_PRESENCE_FRESH_SECONDS: '600',
    },
  });
  db = new pg.Client({ connectionString: cluster.database.url });
  await db.connect();
  const [gatewayUrl] = cluster.gatewayUrls as [string];
  adminToken = await cluster.tokenFor('admin');
  ({ hub, service } = await hubWithService(gatewayUrl, adminToken, {
    name: 'Kitchen cleaning',
    basePricePaise: 59_900,
  }));
  const ids = Array.from({ length: partnerCount }, () => newId());
  await publishFacts(
    cluster,
    ids.map((partnerId, index) => partnerCreated(partnerId, index, service.id, hub.id)),
  );
  for (const [index, id] of ids.entries())
    partners.push(
      await partnerOnDuty(cluster, cluster.gatewayUrls[index % cluster.gatewayUrls.length] as string, id),
    );

  customer = await customerAtHome(gatewayUrl);
}, 120_000);

afterAll(async () => {
  for (const partner of partners) partner.socket.close();
  await db?.end();
  expect(await cluster?.stop()).toEqual([0, 0]);
});

const confirmedBooking = () =>
  paidNowBooking(cluster, cluster.gatewayUrls[0] as string, customer, service.id);

const isOfferOf = (bookingId: string) => (message: ServerMessage) =>
  message.type === 'event' &&
  message.event.type === 'dispatch.offers_sent' &&
  message.event.data.bookingId === bookingId;

/** Each partner's offer of the booking, as their socket was told it. */
async function offersPushed(bookingId: string, to: typeof partners) {
  return Promise.all(
    to.map(async (partner) => {
      const message = await partner.socket.next(isOfferOf(bookingId), 30_000);
      if (message.type !== 'event' || message.event.type !== 'dispatch.offers_sent')
        throw new Error('not an offer');
      const [offer] = message.event.data.offers;
      expect(offer?.partnerId).toBe(partner.id);
      return { partner, offerId: offer?.offerId as string };
    }),
  );
}

const accept = (partner: (typeof partners)[number], offerId: string) =>
  dispatchAt(partner.gatewayUrl).accept(partner.token, offerId);

async function liveClaims(bookingId: string) {
  const { rows } = await db.query<{ partner_id: string }>(
    'SELECT partner_id FROM booking.capacity_claims WHERE booking_id = $1 AND released_at IS NULL',
    [bookingId],
  );
  return rows.map((row) => row.partner_id);
}

async function busyPartners() {
  const { rows } = await db.query<{ partner_id: string }>(
    'SELECT partner_id FROM booking.capacity_claims WHERE released_at IS NULL',
  );
  return rows.map((row) => row.partner_id);
}

async function assignedEvents(bookingId: string) {
  const { rows } = await db.query<{ partner_id: string }>(
    `SELECT envelope->'data'->>'partnerId' AS partner_id FROM booking.outbox
     WHERE type = 'booking.partner_assigned' AND envelope->'data'->>'bookingId' = $1`,
    [bookingId],
  );
  return rows.map((row) => row.partner_id);
}

it(`gives the job to exactly one of ${partnerCount} partners accepting at once over two gateways, and tells every other it was taken`, async () => {
  const booking = await confirmedBooking();
  const offers = await offersPushed(booking.id, partners);

  const answers = await Promise.all(
    offers.map(async ({ partner, offerId }) => {
      const response = await accept(partner, offerId);
      return {
        partner,
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: (await response.json()) as { code?: string },
      };
    }),
  );
  const winners = answers.filter((answer) => answer.status === 200 || answer.status === 201);
  expect(winners).toHaveLength(1);
  const losers = answers.filter((answer) => !winners.includes(answer));
  expect(losers.map((answer) => answer.status).filter((status) => status !== 409 && status !== 410)).toEqual(
    [],
  );
  for (const loser of losers) {
    expect(loser.contentType).toMatch(/^application\/problem\+json/);
    expect(loser.body.code).toMatch(/^DISPATCH\./);
  }
  const winner = winners[0]?.partner as (typeof partners)[number];

  await Promise.all(
    losers.map(({ partner }) =>
      partner.socket.next(
        (message) =>
          message.type === 'event' &&
          message.event.type === 'dispatch.offers_withdrawn' &&
          message.event.data.bookingId === booking.id &&
          message.event.data.reason === 'taken',
        20_000,
      ),
    ),
  );
  const view = (await (
    await apiAt(cluster.gatewayUrls[1] as string)(`/api/v1/bookings/${booking.id}`, { token: customer.token })
  ).json()) as BookingView;
  expect(view.partner?.id).toBe(winner.id);
  expect(await liveClaims(booking.id)).toEqual([winner.id]);
  expect(await assignedEvents(booking.id)).toEqual([winner.id]);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM booking.capacity_claims a JOIN booking.capacity_claims b
       ON a.partner_id = b.partner_id AND a.id < b.id AND a.during && b.during
     WHERE a.released_at IS NULL AND b.released_at IS NULL`,
  );
  expect(rows[0]?.n).toBe(0);
}, 60_000);

it('lets exactly one of an admin assignment and a partner accept racing for the same job win', async () => {
  const booking = await confirmedBooking();
  const busy = new Set(await busyPartners());
  const free = partners.filter((partner) => !busy.has(partner.id));
  const [offered] = await offersPushed(booking.id, free.slice(0, 1));
  const { partner: accepting, offerId } = offered as NonNullable<typeof offered>;
  const assigned = free[1] as (typeof partners)[number];

  const [accepted, assignment] = await Promise.all([
    accept(accepting, offerId),
    dispatchAt(cluster.gatewayUrls[1] as string).assign(adminToken, booking.id, {
      partnerId: assigned.id,
      reason: 'Customer asked for them',
      expectedPartnerId: null,
    }),
  ]);
  const statuses = [accepted.status, assignment.status];
  expect(statuses.filter((status) => status === 200)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409 || status === 410)).toHaveLength(1);
  const winner = accepted.status === 200 ? accepting : assigned;
  expect(await liveClaims(booking.id)).toEqual([winner.id]);
  expect(await assignedEvents(booking.id)).toEqual([winner.id]);
}, 60_000);
