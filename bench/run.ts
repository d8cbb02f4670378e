import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Scenario } from './results.ts';

/** What a `bench/<name>.bench.ts` module's `run` answers: its scenarios and the settings they ran with. */
export interface BenchOutcome {
  scenarios: Scenario[];
  settings: Record<string, unknown>;
}

/**
 * Runs every `bench/*.bench.ts` (or those named: `npm run bench -- dispatch gateway`) one after another, each
 * in a process of its own (bench/run-one.ts) with this one's Node flags, so no bench inherits another's heap,
 * timers or sockets. Each prints its scenarios against their baselines and writes bench/results/<name>.json.
 * Benchmarks measure; they never fail a build on timing.
 */
const only = process.argv.slice(2);
const dir = import.meta.dirname;
const names = (await readdir(dir))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace('.bench.ts', ''))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
const unknown = only.filter((name) => !names.includes(name));
if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')}`);
for (const name of names) {
  console.info(`\n## ${name}`);
  const started = performance.now();
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    // spawned, not forked: with no IPC channel, nothing a bench imports can hold its process open
    const child = spawn(process.execPath, [...process.execArgv, path.join(dir, 'run-one.ts'), name], {
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (exitCode !== 0) throw new Error(`the ${name} bench exited with ${exitCode}`);
  console.info(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
