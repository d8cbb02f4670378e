import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchOutcome } from './run.ts';
import { summarize } from './stats.ts';

const restarts = Number(process.env.BENCH_RESTARTS ?? 3);
const repoRoot = path.resolve(import.meta.dirname, '..');
/** The server's own variables are left out: `npm start` here is the embedded laptop demo. */
const serverVariables = /^(DATABASE_URL|REDIS_URL|RABBITMQ_URL|PORT|HOST|DATA_DIR|NAMESPACE|[A-Z]+_URLS)$/;

/**
 * Spawns `command` in a process group of its own and answers the milliseconds from the spawn to its
 * /readyz answering 200 (the address read from its output), then stops the whole group.
 */
async function timeToReady(command: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: repoRoot,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !serverVariables.test(name))),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited:\n${output.slice(-4000)}`);
      const health = output.match(/(http:\/\/127\.0\.0\.1:\d+)\/readyz/)?.[1];
      const ready = health
        ? await fetch(`${health}/readyz`).then(
            (response) => response.status === 200,
            () => false,
          )
        : false;
      if (ready) return performance.now() - started;
      if (performance.now() - started > 300_000)
        throw new Error(`not ready in 5 minutes:\n${output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    stopGroup(child);
    await exited;
  }
}

const stopGroup = (child: ChildProcess) => {
  if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
};

/**
 * `npm start` in embedded mode as a newcomer runs it: a first start (web build checked, embedded PostgreSQL
 * initialised, the demo city seeded) untimed, then restarts on the same data folder timed from the spawn to
 * /readyz; against a bare Node HTTP server's spawn to its first answer, the floor of any restart here.
 */
export async function run(): Promise<BenchOutcome> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-bench-restart-'));
  try {
    const env = { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' };
    const npmStart = ['npm', 'start', '--silent'];
    const firstStartMs = await timeToReady(npmStart, env);
    const restartMs: number[] = [];
    for (let i = 0; i < restarts; i++) restartMs.push(await timeToReady(npmStart, env));
    const bare = [
      process.execPath,
      '-e',
      `const server = require('node:http').createServer((_, res) => res.end('ok'));
       server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port + '/readyz'));`,
    ];
    const bareMs: number[] = [];
    for (let i = 0; i < restarts; i++) bareMs.push(await timeToReady(bare, {}));
    const total = (values: number[]) => values.reduce((sum, ms) => sum + ms, 0);
    return {
      scenarios: [
        {
          label: 'npm start again (embedded) → /readyz 200 (starts/s)',
          platform: summarize(restartMs, total(restartMs)),
          baseline: { label: 'bare node HTTP server → first answer', ...summarize(bareMs, total(bareMs)) },
        },
      ],
      settings: {
        restarts,
        firstStartMs: Math.round(firstStartMs),
        restartMs: restartMs.map(Math.round),
        target: 'every start after the first under 4000 ms',
      },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
