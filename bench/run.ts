import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Runs every `bench/*.bench.ts` (or those named on the command line) one after another and prints their
 * figures. Benchmarks measure; they never fail a build on timing.
 */
const only = process.argv.slice(2);
const dir = import.meta.dirname;
const files = (await readdir(dir)).filter(
  (file) => file.endsWith('.bench.ts') && (only.length === 0 || only.some((name) => file.includes(name))),
);
for (const file of files.sort()) {
  console.info(`\n## ${file.replace('.bench.ts', '')}`);
  const bench = (await import(path.join(dir, file))) as { run: () => Promise<void> };
  await bench.run();
}
