import { spawn } from 'node:child_process';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@zefy/platform/testing';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { repoRoot } from '../support/process.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
});
afterAll(async () => {
  await database?.drop();
});

/** `npm run admin:create -- …args` with `input` piped to standard input, as an operator would run it. */
function adminCreate(args: string[], input: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'services/identity/src/cli.ts'), ...args],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stdin.end(input);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** Each run starts a process through tsx: seconds apiece on a busy machine. */
const spawnsProcesses = { timeout: 120_000 };

async function storedHash(email: string): Promise<{ role: string; password_hash: string } | undefined> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT role, password_hash FROM identity.staff WHERE email = $1', [
      email,
    ]);
    return rows[0];
  } finally {
    await client.end();
  }
}

it(
  'creates a staff account once from the command line, reading the password from stdin',
  spawnsProcesses,
  async () => {
    const created = await adminCreate(['--email', 'lead@zefy.test', '--role', 'ops'], 'first-password-123\n');
    expect(created).toEqual({ code: 0, output: 'Created ops lead@zefy.test\n' });
    const first = await storedHash('lead@zefy.test');
    expect(first?.role).toBe('ops');
    expect(first?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(first?.password_hash ?? '', 'first-password-123')).toBe(true);

    const again = await adminCreate(['--email', 'LEAD@zefy.test'], 'second-password-456\n');
    expect(again.code).toBe(0);
    expect(again.output).toContain('exists already; nothing changed');
    expect((await storedHash('lead@zefy.test'))?.password_hash).toBe(first?.password_hash);

    const reset = await adminCreate(
      ['--email', 'lead@zefy.test', '--reset-password'],
      'second-password-456\n',
    );
    expect(reset.output).toContain('password reset');
    expect(
      await verify((await storedHash('lead@zefy.test'))?.password_hash ?? '', 'second-password-456'),
    ).toBe(true);
  },
);

it('refuses a short password or a missing email with one line and exit code 1', spawnsProcesses, async () => {
  expect(await adminCreate(['--email', 'x@zefy.test'], 'short\n')).toEqual({
    code: 1,
    output: 'admin:create: Use at least 12 characters\n',
  });
  const missing = await adminCreate([], 'long-enough-password\n');
  expect(missing.code).toBe(1);
  expect(missing.output).toMatch(/^admin:create: --email <address> is required/);
});
