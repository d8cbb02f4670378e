import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { report, type Scenario } from './results.ts';

/** What a `bench/<name>.bench.ts` module's `run` answers: its scenarios and the settings they ran with. */
export interface BenchOutcome {
  scenarios: Scenario[];
  settings: Record<string, unknown>;
}

/**
 * Runs every `bench/*.bench.ts` (or those named: `npm run bench -- dispatch gateway`) one after another,
 * prints each scenario against its baseline and writes bench/results/<name>.json. Benchmarks measure; they
 * never fail a build on timing.
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
  const bench = (await import(path.join(dir, `${name}.bench.ts`))) as { run: () => Promise<BenchOutcome> };
  const outcome = await bench.run();
  await report(name, outcome.scenarios, outcome.settings);
  console.info(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
