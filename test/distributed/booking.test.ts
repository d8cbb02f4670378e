import { randomUUID } from 'node:crypto';
import type { Address, Availability, Partner } from '@zefy/contracts';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { home, hubWithService } from '../support/dispatch-crew.ts';
import { loginByOtp, randomPhone } from '../support/identity.ts';

const staff = { email: 'dist-booking@zefy.test', password: `pw-${randomUUID()}` };
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    services: { booking: 2 },
    gateways: 2,
    gatewayEnv: { ADMIN_EMAIL: staff.email, ADMIN_PASSWORD: staff.password },
  });
});

afterAll(async () => {
  expect(await cluster?.stop()).toEqual([0, 0, 0, 0]);
});

it('promises the one online partner to exactly one of four customers asking 40 times over two gateways and two booking instances', async () => {
  const [one, two] = cluster.gatewayUrls.map(apiAt) as [ReturnType<typeof apiAt>, ReturnType<typeof apiAt>];
  const gatewayUrl = cluster.gatewayUrls[0] as string;
  const login = await one('/api/v1/auth/password', { method: 'POST', json: staff });
  const admin = ((await login.json()) as { accessToken: string }).accessToken;

  // a hub, a service and an approved partner for it, through their own services
  const { hub, service } = await hubWithService(gatewayUrl, admin, {
    name: 'Bathroom cleaning',
    basePricePaise: 49_900,
  });
  const partnerPhone = randomPhone();
  const partner = (await (
    await one('/api/v1/admin/partners', {
      method: 'POST',
      token: admin,
      idempotencyKey: true,
      json: { name: 'Asha Rao', phone: partnerPhone, skills: [service.id], hubId: hub.id },
    })
  ).json()) as Partner;
  expect(
    (await one(`/api/v1/admin/partners/${partner.id}/approve`, { method: 'POST', token: admin })).status,
  ).toBe(200);
  const partnerToken = (await loginByOtp(gatewayUrl, partnerPhone, 'partner')).accessToken;
  await eventually(async () => {
    const online = await two('/api/v1/partner/presence', {
      method: 'PUT',
      token: partnerToken,
      json: { online: true, ...home },
    });
    expect(online.status).toBe(200);
  }, 20_000);

  // four customers with an address in the hub, each asking ten times at once, half through each gateway
  const customers = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const token = (await loginByOtp(gatewayUrl, randomPhone(), 'customer')).accessToken;
      const address = (await (
        await one('/api/v1/locations/addresses', {
          method: 'POST',
          token,
          idempotencyKey: true,
          json: { label: 'Home', line1: '12th Main', lat: 12.95, lng: 77.64 },
        })
      ).json()) as Address;
      await eventually(async () => {
        const answer = await two(`/api/v1/availability?serviceId=${service.id}&addressId=${address.id}`, {
          token,
        });
        expect(((await answer.json()) as Availability).now.available).toBe(true);
      }, 20_000);
      return { token, address };
    }),
  );
  const results = await Promise.all(
    customers.flatMap((customer, who) =>
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 === 0 ? one : two)('/api/v1/holds', {
          method: 'POST',
          token: customer.token,
          idempotencyKey: true,
          json: { serviceId: service.id, addressId: customer.address.id, window: { kind: 'now' } },
        }).then((response) => ({ who, status: response.status })),
      ),
    ),
  );
  // a customer's new hold of the same time supersedes their own unpaid one: the winner may win again, nobody else
  const winners = new Set(results.filter(({ status }) => status === 201).map(({ who }) => who));
  expect(winners.size).toBe(1);
  expect(results.filter(({ status }) => status !== 201 && status !== 409)).toEqual([]);
  expect(results.filter(({ who }) => !winners.has(who)).map(({ status }) => status)).toEqual(
    Array.from({ length: 30 }, () => 409),
  );

  const client = new pg.Client({ connectionString: cluster.database.url });
  await client.connect();
  const claims = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM booking.capacity_claims WHERE partner_id = $1 AND released_at IS NULL',
    [partner.id],
  );
  const holds = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM booking.bookings WHERE status = 'held'",
  );
  await client.end();
  expect(claims.rows[0]?.n).toBe(1);
  expect(holds.rows[0]?.n).toBe(1);
});
