import path from 'node:path';
import { report } from './results.ts';
import type { BenchOutcome } from './run.ts';

/** One bench (`bench/<name>.bench.ts`), in the process bench/run.ts forked for it. */
const [name] = process.argv.slice(2);
if (!name) throw new Error('usage: run-one.ts <bench name>');
const bench = (await import(path.join(import.meta.dirname, `${name}.bench.ts`))) as {
  run: () => Promise<BenchOutcome>;
};
const outcome = await bench.run();
await report(name, outcome.scenarios, outcome.settings);
