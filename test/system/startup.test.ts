import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTs } from '../support/process.ts';

const gateway = 'apps/gateway/src/main.ts';
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-start-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const admin = { email: 'first-admin@zefy.test', password: `pw-${randomUUID()}` };

/** `npm start` without any server variables: embedded PostgreSQL, in-process bus and cache. */
const embeddedEnv = () => ({
  DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  ADMIN_EMAIL: admin.email,
  ADMIN_PASSWORD: admin.password,
});

async function startEmbedded() {
  const started = performance.now();
  const run = spawnTs(gateway, embeddedEnv());
  const [, base] = await run.waitFor(/User app\s+(http:\/\/\S+?)\/\n/, 90_000);
  const readyz = await fetch(`${base}/readyz`);
  console.info(`embedded start-up to /readyz 200: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { run, base: base as string, readyz };
}

/** Loading the gateway's modules through tsx takes seconds, and many more on a busy machine. */
const oneProcessStart = 120_000;

describe('npm start on embedded defaults', () => {
  it('prints the app and docs URLs, is ready, and finds its data again after a restart', async () => {
    const first = await startEmbedded();
    expect(first.readyz.status).toBe(200);
    const output = first.run.output();
    for (const label of ['Partner app', 'Admin console', 'API docs']) expect(output).toContain(label);
    expect(output).toMatch(
      /Demo city\s+Bengaluru: 5 hubs, 13 services, 35 partners with working hours, 4 customers \(seeded now;/,
    );
    // embedded and not production: the demo crew goes on duty
    expect(output).toMatch(/Demo crew\s+35 simulated partners going on duty/);

    // the first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD and logs in like anyone else
    const login = await fetch(`${first.base}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    expect(login.status).toBe(200);
    // so does the demo city's admin, whose generated password only the embedded start prints
    const [, email, password] = output.match(/Admin login\s+(\S+) \/ (\S+) \(embedded mode only\)/) ?? [];
    expect(email).toBe('admin@zefy.dev');
    const demoLogin = await fetch(`${first.base}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(demoLogin.status).toBe(200);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const created = await fetch(`${first.base}/api/v1/catalog/services`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'Kitchen cleaning', category: 'cleaning', basePricePaise: 89_900 }),
    });
    expect(created.status).toBe(201);
    expect(await first.run.stop(), first.run.output()).toEqual({ code: 0, signal: null });

    const second = await startEmbedded();
    const list = (await (await fetch(`${second.base}/api/v1/catalog/services`)).json()) as {
      items: Array<{ name: string }>;
    };
    expect(list.items.map((item) => item.name)).toContain('Kitchen cleaning');
    // seeded once: the demo services are there, not twice, and the second start says so
    expect(list.items.filter((item) => item.name === 'Split AC service')).toHaveLength(1);
    expect(second.run.output()).toMatch(/Demo city\s+.*\(seeded earlier;/);
    expect(await second.run.stop(), second.run.output()).toEqual({ code: 0, signal: null });
  }, 200_000); // two cold starts of a whole platform, each given up to 90 s by startEmbedded

  it(
    'fails fast with one line naming a malformed variable',
    async () => {
      const run = spawnTs(gateway, { ...embeddedEnv(), DATABASE_URL: 'nonsense' });
      const { code } = await run.exited;
      expect(code).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(lines).toEqual(['zefy-gateway: Invalid configuration: DATABASE_URL must be a postgres:// URL']);
    },
    oneProcessStart,
  );

  it(
    'fails fast with one line when a configured server does not answer',
    async () => {
      const run = spawnTs(gateway, { ...embeddedEnv(), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      const { code } = await run.exited;
      expect(code).toBe(1);
      expect(run.output().trim()).toMatch(
        /^zefy-gateway: Cannot connect to DATABASE_URL \(127\.0\.0\.1:1\): .+$/,
      );
    },
    oneProcessStart,
  );
});
