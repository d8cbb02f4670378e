import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BookingOtps, JobProgress, Role } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import { createTestDatabase, type TestDatabase } from '@zefy/platform/testing';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import { demoHome, demoPartnerOf, holdFor, type PlatformAccess } from '../support/booking.ts';
import { dispatchAt, payForHold } from '../support/dispatch.ts';
import { loginByOtp } from '../support/identity.ts';
import { type Spawned, spawnTs } from '../support/process.ts';

/**
 * The job's timer belongs to the server: a gateway process killed (SIGKILL, no shutdown) in the middle of a
 * job and started again on the same database shows the job running since the same start, and the duration
 * it fixes at the end spans the restart. Only HTTP, as the apps see it.
 */
const listening = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/;
let database: TestDatabase;
let dataDir: string;
let env: Record<string, string>;
const running: Spawned[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-restart-'));
  // the bus and the cache are in process: the database is all that survives a kill, as on a laptop
  env = {
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    JWT_SECRET: `restart-${randomUUID()}-${randomUUID()}`,
    // development: the gateway embeds the Razorpay simulator and the SMS inbox the logins read
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    PORT: '0',
    RATE_LIMIT_PER_MINUTE: '100000',
  };
  const seed = spawnTs('apps/gateway/src/seed-main.ts', env);
  expect((await seed.exited).code, seed.output()).toBe(0);
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((gateway) => gateway.stop()));
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A gateway process with every service in it; tokens come from phone logins (demo people only). */
async function startGateway(): Promise<{ process: Spawned; access: PlatformAccess }> {
  const gateway = spawnTs('apps/gateway/src/main.ts', env);
  running.push(gateway);
  const baseUrl = (await gateway.waitFor(listening, 90_000))[1] as string;
  const people = [...demoCity.identity.customers, ...demoCity.identity.partners];
  // one login a person: a phone gets one code every 30 s
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (role: Role, id?: string) => {
    const phone = people.find((person) => person.id === id)?.phone;
    if (!phone || (role !== 'customer' && role !== 'partner')) throw new Error(`no demo ${role} ${id}`);
    const token = tokens.get(phone) ?? loginByOtp(baseUrl, phone, role).then((login) => login.accessToken);
    tokens.set(phone, token);
    return token;
  };
  // seeded before the first start by `npm run seed`'s entry point
  return { process: gateway, access: { baseUrl, tokenFor, seedDemoCity: async () => {} } };
}

const customer = demoCity.identity.customers[0] as { id: string };

it('keeps the start time of a running job across a killed server, and times the job across it', async () => {
  const first = await startGateway();
  const hold = await holdFor(first.access, { role: 'customer', id: customer.id });
  const partnerId = demoPartnerOf(hold.hubId).id;
  let partnerToken = await first.access.tokenFor('partner', partnerId);
  let customerToken = await first.access.tokenFor('customer', customer.id);
  let dispatch = dispatchAt(first.access.baseUrl);
  await dispatch.onDuty(partnerToken, demoHome);
  await payForHold(first.access.baseUrl, customerToken, hold);
  const offer = await dispatch.offerOf(partnerToken, hold.id);
  expect((await dispatch.accept(partnerToken, offer.offerId)).status).toBe(200);
  expect((await dispatch.onMyWay(partnerToken, hold.id)).status).toBe(200);
  expect((await dispatch.arrived(partnerToken, hold.id)).status).toBe(200);
  let api = apiAt(first.access.baseUrl);
  const codes = (await (
    await api(`/api/v1/bookings/${hold.id}/otps`, { token: customerToken })
  ).json()) as BookingOtps;
  const started = await api(`/api/v1/partner/jobs/${hold.id}/start`, {
    method: 'POST',
    token: partnerToken,
    json: { otp: codes.start?.code },
  });
  expect(started.status).toBe(200);
  const { job: timer } = (await started.json()) as JobProgress;
  const startedAt = timer?.startedAt as string;

  first.process.child.kill('SIGKILL');
  expect((await first.process.exited).signal).toBe('SIGKILL');
  const killedAt = Date.now();

  const second = await startGateway();
  api = apiAt(second.access.baseUrl);
  dispatch = dispatchAt(second.access.baseUrl);
  // the sessions were in the killed process's memory: both sign in again
  partnerToken = await second.access.tokenFor('partner', partnerId);
  customerToken = await second.access.tokenFor('customer', customer.id);
  const progress = (await (
    await api(`/api/v1/partner/jobs/${hold.id}/progress`, { token: partnerToken })
  ).json()) as JobProgress;
  expect(progress).toMatchObject({ status: 'in_progress', job: { startedAt, endedAt: null } });
  // what both apps show: the server's now minus the server's start, which the restart did not move
  expect(Date.parse(progress.serverNow)).toBeGreaterThanOrEqual(killedAt);
  expect(Date.parse(progress.serverNow) - Date.parse(startedAt)).toBeGreaterThanOrEqual(
    killedAt - Date.parse(startedAt),
  );

  const ended = await api(`/api/v1/partner/jobs/${hold.id}/end`, {
    method: 'POST',
    token: partnerToken,
    json: { otp: codes.end?.code },
  });
  expect(ended.status).toBe(200);
  const { job } = (await ended.json()) as JobProgress;
  expect(job?.startedAt).toBe(startedAt);
  expect(Date.parse(job?.endedAt as string)).toBeGreaterThanOrEqual(killedAt);
  expect(job?.workedMinutes).toBe(
    Math.floor((Date.parse(job?.endedAt as string) - Date.parse(startedAt)) / 60_000),
  );
  const booking = await api(`/api/v1/bookings/${hold.id}`, { token: customerToken });
  expect(((await booking.json()) as { status: string }).status).toMatch(/completed|awaiting_extra_payment/);
}, 240_000);
