import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPlatform } from './embedded.ts';
import { apiClient } from './http.ts';
import { reportFiles } from './report.ts';
import { gatewaySessions } from './sessions.ts';
import { runSimulation } from './simulation.ts';

const usage = `npm run simulate -- [options]
  --partners N               simulated partners (default 20)
  --bookings-per-minute R    the city's demand, Poisson, spread over the hubs by weight (default 10)
  --minutes M                how long customers book (default 2)
  --drain-minutes D          then how long to wait for open bookings to settle (default 15)
  --spread-metres S          homes and partners within S metres of each hub's centre (default: anywhere in it)
  --seed N                   the random seed (default 1)
  --report DIR               write report.json, report.md and SVG charts there
  --gateway URL              drive a running platform (its dev SMS inbox for logins) instead of an embedded one
  --admin-email E, --admin-password P   the staff login for --gateway (registering partners)
  --customer-pool N          customers signed in for --gateway, each booking several times (default 10)`;

const { values } = parseArgs({
  options: {
    partners: { type: 'string', default: '20' },
    'bookings-per-minute': { type: 'string', default: '10' },
    minutes: { type: 'string', default: '2' },
    'drain-minutes': { type: 'string', default: '15' },
    'spread-metres': { type: 'string' },
    seed: { type: 'string', default: '1' },
    report: { type: 'string' },
    gateway: { type: 'string' },
    'admin-email': { type: 'string', default: 'admin@zefy.dev' },
    'admin-password': { type: 'string' },
    'customer-pool': { type: 'string', default: '10' },
    help: { type: 'boolean', default: false },
  },
});

const number = (name: string, value: string | undefined, min: number): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) {
    console.error(`--${name} must be a number ≥ ${min}\n\n${usage}`);
    process.exit(2);
  }
  return parsed;
};

if (values.help) {
  console.info(usage);
  process.exit(0);
}

const embedded = values.gateway ? undefined : await startEmbeddedPlatform();
const baseUrl = values.gateway ?? (embedded as { baseUrl: string }).baseUrl;
const api = apiClient(baseUrl);
if (values.gateway && !values['admin-password']) {
  console.error(`--gateway needs --admin-password\n\n${usage}`);
  process.exit(2);
}
const sessions =
  embedded?.sessions ??
  gatewaySessions(
    api,
    { email: values['admin-email'], password: values['admin-password'] ?? '' },
    { customerPool: number('customer-pool', values['customer-pool'], 1) },
  );
const interrupted = new AbortController();
process.once('SIGINT', () => interrupted.abort());
console.info(`simulating against ${baseUrl}${embedded ? ' (embedded platform)' : ''}`);
let failed = false;
try {
  const report = await runSimulation({
    api,
    sessions,
    partners: number('partners', values.partners, 1),
    bookingsPerMinute: number('bookings-per-minute', values['bookings-per-minute'], 0),
    minutes: number('minutes', values.minutes, 0),
    drainMinutes: number('drain-minutes', values['drain-minutes'], 0),
    seed: number('seed', values.seed, 0),
    ...(values['spread-metres'] ? { spreadMeters: number('spread-metres', values['spread-metres'], 1) } : {}),
    onProgress: (line) => console.info(line),
    signal: interrupted.signal,
  });
  const files = reportFiles(report);
  console.info(`\n${files['report.md']}`);
  if (values.report) {
    await mkdir(values.report, { recursive: true });
    for (const [name, content] of Object.entries(files))
      await writeFile(path.join(values.report, name), content);
    console.info(`report written to ${path.resolve(values.report)}`);
  }
  failed = !report.isAccountedFor;
} finally {
  await embedded?.stop();
}
process.exit(failed ? 1 : 0);
