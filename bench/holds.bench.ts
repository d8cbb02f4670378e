import { newId } from '@zefy/platform';
import { emptyWeek } from '../services/booking/src/schedule/schedule.ts';
import { type Harness, startBookingHarness } from '../services/booking/test/booking-harness.ts';
import { generateLoad } from './load.ts';
import type { HttpRequestSpec } from './load-generator.ts';
import { holdShapedTransaction, type RawSchema, rawSchema } from './raw-sql.ts';
import type { BenchOutcome } from './run.ts';
import { summarize } from './stats.ts';
import { benchDatabase } from './support.ts';

const partners = 20;
const slots = 10;
const requests = Number(process.env.BENCH_HOLDS_REQUESTS ?? 400);
const concurrency = 20;
const racers = 100;
const week = { ...emptyWeek(), tue: [{ start: '08:00', end: '20:00' }] };
// Tuesday 2026-03-03 in Kolkata, 09:00 + n hours (the harness clock is Monday 08:00)
const slotAt = (hour: number) => new Date(Date.parse('2026-03-03T03:30:00.000Z') + hour * 3600_000);

async function holdRequests(harness: Harness, hubId: string, serviceId: string, hours: number[]) {
  return Promise.all(
    hours.map(async (hour): Promise<HttpRequestSpec> => {
      const customerId = newId();
      const address = await harness.seedAddress({ customerId, hubId });
      return {
        method: 'POST',
        path: '/api/v1/holds',
        freshIdempotencyKey: true,
        headers: {
          authorization: `Bearer ${await harness.tokenFor('customer', customerId)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          serviceId,
          addressId: address.id,
          window: { kind: 'slot', startsAt: slotAt(hour).toISOString() },
        }),
      };
    }),
  );
}

/** The same hours, each a transaction of a hold's shape straight on PostgreSQL, `parallel` at a time. */
async function rawHolds(raw: RawSchema, hours: number[], parallel: number) {
  const partnerIds = Array.from({ length: partners }, (_, index) => `p-${index}`);
  const latencies: number[] = [];
  let placed = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < hours.length) {
        const start = slotAt(hours[next++] as number);
        const sent = performance.now();
        const window = {
          start: start.toISOString(),
          end: new Date(start.getTime() + 3600_000).toISOString(),
        };
        if (await holdShapedTransaction(raw, newId(), partnerIds, window)) placed += 1;
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { placed, summary: summarize(latencies, performance.now() - started) };
}

/**
 * Capacity holds through the booking service's HTTP routes on PostgreSQL, loaded from a separate process:
 * requests spread over partners × hourly slots, then a crowd racing for the last free partner of a slot;
 * against transactions of a hold's shape (pick a free partner, booking, claim under the exclusion
 * constraint, outbox row) sent straight to PostgreSQL.
 */
export async function run(): Promise<BenchOutcome> {
  const database = await benchDatabase();
  const harness = await startBookingHarness(
    { databaseUrl: database.url, redisUrl: process.env.REDIS_URL },
    { database: { url: database.url, drop: async () => undefined } },
  );
  const raw = await rawSchema(database.url, concurrency);
  try {
    const baseUrl = await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const hub = await harness.seedHub();
    const service = await harness.seedService();
    for (let i = 0; i < partners; i += 1) {
      const partner = await harness.seedPartner({ hubId: hub.id, skills: [service.id] });
      await harness.seedSchedule(partner.id, { weekly: week, daysOff: [] });
    }
    const spreadHours = Array.from({ length: requests }, (_, index) => index % slots);
    const spread = await generateLoad({
      kind: 'http',
      baseUrl,
      concurrency,
      requests: await holdRequests(harness, hub.id, service.id, spreadHours),
    });
    const rawSpread = await rawHolds(raw, spreadHours, concurrency);

    // the last free partner of the next hour: every other one already holds it
    const raceHour = slots;
    const early = await holdRequests(harness, hub.id, service.id, Array(partners - 1).fill(raceHour));
    await generateLoad({ kind: 'http', baseUrl, concurrency: 1, requests: early });
    await rawHolds(raw, Array(partners - 1).fill(raceHour), 1);
    const race = await generateLoad({
      kind: 'http',
      baseUrl,
      concurrency: racers,
      requests: await holdRequests(harness, hub.id, service.id, Array(racers).fill(raceHour)),
    });
    const rawRace = await rawHolds(raw, Array(racers).fill(raceHour), concurrency);
    return {
      scenarios: [
        {
          label: `POST /api/v1/holds, ${requests} over ${partners} partners × ${slots} slots`,
          platform: summarize(spread.latenciesMs, spread.elapsedMs),
          baseline: { label: 'hold-shaped SQL transactions', ...rawSpread.summary },
        },
        {
          label: `POST /api/v1/holds, ${racers} at once for the last free partner`,
          platform: summarize(race.latenciesMs, race.elapsedMs),
          baseline: {
            label: `hold-shaped SQL transactions (${concurrency} connections)`,
            ...rawRace.summary,
          },
        },
      ],
      settings: {
        concurrency,
        requests,
        racers,
        spreadStatuses: spread.statuses,
        rawSpreadPlaced: rawSpread.placed,
        raceStatuses: race.statuses,
        rawRacePlaced: rawRace.placed,
      },
    };
  } finally {
    await raw.close();
    await harness.stop();
    await database.close();
  }
}
