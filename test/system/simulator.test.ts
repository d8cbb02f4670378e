import { type BookingView, identityRoutes, type PaymentOrder } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import {
  apiClient,
  type CapacityReport,
  gatewaySessions,
  inProcessSessions,
  registerPartner,
  reportFiles,
  runSimulation,
  startDemoCrew,
  untilPartnerKnown,
} from '@zefy/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { holdFor } from '../support/booking.ts';
import { payOnCheckoutPage } from '../support/checkout.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let zefy: TestPlatform;
const staff = { email: 'sim-admin@zefy.test', password: `pw-${crypto.randomUUID()}` };
beforeAll(async () => {
  zefy = await startPlatform({
    serveWebApps: false,
    env: { RATE_LIMIT_PER_MINUTE: '1000000', ADMIN_EMAIL: staff.email, ADMIN_PASSWORD: staff.password },
  });
  await zefy.seedDemoCity();
});
afterAll(async () => {
  await zefy?.stop();
});

const sessions = () => inProcessSessions((principal) => zefy.signIn(principal.role, principal.id));

describe('the virtual city', () => {
  it('runs partners and customers through the public API and accounts for every booking', async () => {
    const report: CapacityReport = await runSimulation({
      api: apiClient(zefy.baseUrl),
      sessions: sessions(),
      partners: 5,
      bookingsPerMinute: 12,
      minutes: 0.4,
      drainMinutes: 1,
      seed: 11,
      // short drives, quick jobs: the test's time is bounded
      spreadMeters: 80,
      warmUpSeconds: 2,
      partnerBehaviour: {
        speedKmh: [28, 30],
        jobSeconds: [2, 4],
        reactionSeconds: [1, 3],
        positionEverySeconds: 4,
      },
      customerBehaviour: { pollSeconds: 1 },
    });

    expect(report.stuck).toEqual([]);
    expect(report.isAccountedFor).toBe(true);
    const { totals } = report;
    expect(totals.requested).toBeGreaterThan(0);
    expect(
      totals.served +
        totals.refundedNoPartner +
        totals.cancelled +
        totals.unavailable +
        totals.paymentFailed +
        totals.abandoned,
    ).toBe(totals.requested);
    expect(totals.served).toBeGreaterThan(0);
    expect(totals.timeToAssignmentSeconds.count).toBeGreaterThan(0);
    expect(totals.timeToAssignmentSeconds.p50).toBeGreaterThanOrEqual(0);
    expect(totals.eta.count).toBeGreaterThan(0);
    expect(totals.partners).toBe(5);
    expect(totals.partnerUtilisation).toBeGreaterThan(0);
    expect(report.hubs.map((hub) => hub.hubName).sort()).toEqual(
      demoCity.locations.hubs.map((hub) => hub.name).sort(),
    );
    for (const hub of report.hubs) {
      expect(Object.keys(hub)).toEqual(
        expect.arrayContaining([
          'requested',
          'served',
          'refundedNoPartner',
          'cancelled',
          'timeToAssignmentSeconds',
          'assignedWithin5MinutesShare',
          'eta',
          'partnerUtilisation',
        ]),
      );
      expect(Object.keys(hub.timeToAssignmentSeconds)).toEqual(['count', 'p50', 'p90', 'p99']);
    }
    expect(Object.keys(reportFiles(report))).toHaveLength(4);
  }, 120_000);

  it('brings a demo crew that takes a human customer’s booking and sets out to them', async () => {
    const crew = await startDemoCrew({ baseUrl: zefy.baseUrl, sessions: sessions() });
    try {
      expect(crew.partners).toBe(demoCity.identity.partners.length);
      const customer = { role: 'customer' as const, id: crypto.randomUUID() };
      const token = await zefy.tokenFor('customer', customer.id);
      const api = apiAt(zefy.baseUrl);
      // a "now" booking at a demo home: the crew is on duty, so a partner can be promised
      const slotHold = await holdFor(zefy, customer);
      await api(`/api/v1/bookings/${slotHold.id}/cancel`, { method: 'POST', token, json: {} });
      const held = await eventually(async () => {
        const response = await api('/api/v1/holds', {
          method: 'POST',
          token,
          idempotencyKey: true,
          json: { serviceId: slotHold.serviceId, addressId: slotHold.addressId, window: { kind: 'now' } },
        });
        if (response.status !== 201) throw new Error(`hold: ${response.status} ${await response.text()}`);
        return (await response.json()) as BookingView;
      }, 15_000);
      const order = (await (
        await api('/api/v1/payments/orders', {
          method: 'POST',
          token,
          idempotencyKey: true,
          json: { holdId: held.id },
        })
      ).json()) as PaymentOrder;
      await payOnCheckoutPage(zefy.baseUrl, order, 'success');
      const enRoute = await eventually(async () => {
        const booking = (await (await api(`/api/v1/bookings/${held.id}`, { token })).json()) as BookingView;
        if (booking.status !== 'en_route') throw new Error(`booking is ${booking.status}`);
        return booking;
      }, 40_000);
      expect(demoCity.identity.partners.map((partner) => partner.id)).toContain(enRoute.partner?.id);
    } finally {
      await crew.stop();
    }
  }, 90_000);

  it('signs in through a running gateway: staff by password, customers and partners by phone via the dev inbox', async () => {
    const api = apiClient(zefy.baseUrl);
    const remote = gatewaySessions(api, staff, { customerPool: 1 });
    const adminToken = await remote.admin();
    const partner = await registerPartner(api, adminToken, {
      name: 'Sim Remote',
      hubId: demoCity.locations.hubs[0]?.id as string,
      skills: [demoCity.catalog.services[0]?.id as string],
    });
    const partnerToken = await remote.partner(partner)();
    await untilPartnerKnown(api, partnerToken);
    expect(await api.as(partnerToken).call(identityRoutes.getPartnerMe)).toMatchObject({ id: partner.id });
    // the pool of one: the same customer books again
    const first = await remote.customer();
    const second = await remote.customer();
    expect(second.id).toBe(first.id);
    expect(await api.as(first.token).call(identityRoutes.getMe)).toMatchObject({ id: first.id });
  });
});
