import { parseArgs } from 'node:util';
import {
  ConfigError,
  connectDatabase,
  loadConfig,
  migrate,
  PlatformEnv,
  runningEmbeddedPostgres,
  startEmbeddedPostgres,
  systemClock,
} from '@zefy/platform';
import { identityService } from './index.ts';
import { ensureStaffAccount } from './staff/staff.bootstrap.ts';
import { hashPassword, passwordProblem } from './staff/staff.passwords.ts';
import { setStaffPassword } from './staff/staff.repository.ts';

const usage = `Usage: npm run admin:create -- --email <address> [--role admin|ops] [--reset-password]
The password is read from standard input (typed without echo on a terminal, or piped: echo "$PW" | npm run …).
Uses DATABASE_URL, or the embedded database in DATA_DIR (stop npm start first: the database is then in use).`;

const fail = (message: string): never => {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(1);
};

/** A password typed on the terminal without echo, or the first line of piped input. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stdout.write('Password (at least 12 characters): ');
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (key: string) => {
      if (key === '\u0003') fail('cancelled');
      if (key === '\r' || key === '\n') {
        input.setRawMode(false);
        input.pause();
        input.off('data', onData);
        process.stdout.write('\n');
        resolve(typed);
      } else if (key === '\u007f') typed = typed.slice(0, -1);
      else typed += key;
    };
    input.on('data', onData);
  });
}

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string', default: 'admin' },
    'reset-password': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const email = values.email?.trim();
if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) fail(`--email <address> is required\n${usage}`);
const role =
  values.role === 'ops' ? 'ops' : values.role === 'admin' ? 'admin' : fail('--role is admin or ops');

const config = ((): PlatformEnv => {
  try {
    return loadConfig(PlatformEnv);
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : String(error));
  }
})();
const password = await readPassword();
const problem = passwordProblem(password);
if (problem) fail(problem);

let stopEmbedded: (() => Promise<void>) | undefined;
let url = config.DATABASE_URL;
if (!url) {
  const pid = await runningEmbeddedPostgres(config.DATA_DIR);
  if (pid) fail(`the embedded database in ${config.DATA_DIR} is in use (pid ${pid}): stop npm start first`);
  const embedded = await startEmbeddedPostgres(config.DATA_DIR);
  stopEmbedded = embedded.stop;
  url = embedded.url;
}
const db = connectDatabase({ url: url as string, schema: identityService.name, max: 2 });
try {
  await migrate(db, identityService.migrationsDir);
  const account = { email: email as string, password, role } as const;
  if (await ensureStaffAccount(db, systemClock, account)) {
    process.stdout.write(`Created ${role} ${email}\n`);
  } else if (values['reset-password']) {
    await setStaffPassword(db.pool, account.email, await hashPassword(password));
    process.stdout.write(`${email} exists; password reset\n`);
  } else {
    process.stdout.write(
      `${email} exists already; nothing changed (add --reset-password to set a new one)\n`,
    );
  }
} finally {
  await db.close();
  await stopEmbedded?.();
}
