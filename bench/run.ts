// `npm run bench`: runs every bench/*.bench.ts in turn and prints its figures and ratios.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a bench file's default export resolves to. */
export interface BenchReport {
  title: string;
  /** Setup facts worth printing next to the figures (sizes, counts). */
  setup: string;
  figures: Array<{ name: string; value: number; unit: string }>;
  /** Ratios between two figures, by name: numerator / denominator. */
  ratios: Array<{ name: string; numerator: string; denominator: string }>;
}

const format = (value: number) =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);

const dir = import.meta.dirname;
const files = (await readdir(dir)).filter((file) => file.endsWith('.bench.ts')).sort();
for (const file of files) {
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as {
    default: () => Promise<BenchReport>;
  };
  const report = await module.default();
  console.info(`\n${report.title} (${file})\n  ${report.setup}`);
  const width = Math.max(...report.figures.map((figure) => figure.name.length));
  for (const figure of report.figures)
    console.info(`  ${figure.name.padEnd(width)}  ${format(figure.value).padStart(12)} ${figure.unit}`);
  for (const ratio of report.ratios) {
    const value = (name: string) =>
      report.figures.find((figure) => figure.name === name)?.value ?? Number.NaN;
    console.info(`  ${ratio.name}: ${(value(ratio.numerator) / value(ratio.denominator)).toFixed(1)}×`);
  }
}
