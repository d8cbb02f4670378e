import { randomUUID } from 'node:crypto';
import { newId } from '@zefy/platform';
import { emptyWeek } from '../services/booking/src/schedule/schedule.ts';
import { type Harness, startBookingHarness } from '../services/booking/test/booking-harness.ts';
import { benchDatabase, formatRate, percentile } from './support.ts';

const partners = 20;
const requests = 400;
const concurrency = 20;
const week = { ...emptyWeek(), tue: [{ start: '08:00', end: '20:00' }] };
// Tuesday 2026-03-03 in Kolkata, 09:00 + n hours (the harness clock is Monday 08:00)
const slotAt = (hour: number) =>
  new Date(Date.parse('2026-03-03T03:30:00.000Z') + hour * 3600_000).toISOString();

async function customers(harness: Harness, hubId: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const customerId = newId();
      const address = await harness.seedAddress({ customerId, hubId });
      return { address, token: await harness.tokenFor('customer', customerId) };
    }),
  );
}

/**
 * Capacity holds through the booking service's HTTP routes (in process) on PostgreSQL: how fast holds are
 * placed when they spread over many partners, and how fast a crowd racing for one partner is answered.
 */
export async function run(): Promise<void> {
  const database = await benchDatabase();
  const harness = await startBookingHarness(
    { databaseUrl: database.url, redisUrl: process.env.REDIS_URL },
    { database: { url: database.url, drop: async () => undefined } },
  );
  try {
    const hub = await harness.seedHub();
    const service = await harness.seedService();
    for (let i = 0; i < partners; i += 1) {
      const partner = await harness.seedPartner({ hubId: hub.id, skills: [service.id] });
      await harness.seedSchedule(partner.id, { weekly: week, daysOff: [] });
    }
    const hold = (customer: { token: string; address: { id: string } }, startsAt: string) =>
      harness.request('POST', '/api/v1/holds', {
        token: customer.token,
        idempotencyKey: randomUUID(),
        body: { serviceId: service.id, addressId: customer.address.id, window: { kind: 'slot', startsAt } },
      });

    // spread: 400 requests over 10 hourly slots × 20 partners (200 units), 20 at a time
    const crowd = await customers(harness, hub.id, requests);
    const latencies: number[] = [];
    let placed = 0;
    let next = 0;
    const startedAt = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < crowd.length) {
          const customer = crowd[next] as (typeof crowd)[number];
          const slot = slotAt(next % 10);
          next += 1;
          const began = performance.now();
          const response = await hold(customer, slot);
          latencies.push(performance.now() - began);
          if (response.status === 201) placed += 1;
        }
      }),
    );
    const elapsed = performance.now() - startedAt;
    latencies.sort((a, b) => a - b);
    console.info(
      `spread: ${requests} hold requests (${concurrency} concurrent) over ${partners} partners × 10 slots: ${placed} placed, ${formatRate(requests, elapsed)}, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
    );

    // race: 100 customers at once for the last free partner of a slot
    const racers = await customers(harness, hub.id, 100);
    const lastHour = slotAt(10);
    const early = await customers(harness, hub.id, partners - 1);
    for (const customer of early) await hold(customer, lastHour);
    const raceStart = performance.now();
    const results = await Promise.all(racers.map((racer) => hold(racer, lastHour)));
    const raceMs = performance.now() - raceStart;
    console.info(
      `race: 100 simultaneous holds for the last free partner: ${results.filter((r) => r.status === 201).length} placed, ${results.filter((r) => r.status === 409).length} refused, all answered in ${raceMs.toFixed(0)} ms`,
    );
  } finally {
    await harness.stop();
    await database.close();
  }
}
