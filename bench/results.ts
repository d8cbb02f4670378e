import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compare, type Summary } from './stats.ts';

/** One thing measured on the platform and the raw baseline of the same shape, measured in the same run. */
export interface Scenario {
  label: string;
  platform: Summary;
  baseline: Summary & { label: string };
}

export const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
});

const line = (label: string, summary: Summary) =>
  `${label.padEnd(52)} ${`${summary.perSecond.toLocaleString('en-IN')}/s`.padStart(12)}  p50 ${summary.p50Ms
    .toFixed(2)
    .padStart(8)} ms  p99 ${summary.p99Ms.toFixed(2).padStart(8)} ms  (${summary.count})`;

/** Prints the scenarios with their ratios and writes bench/results/<name>.json. */
export async function report(name: string, scenarios: Scenario[], settings: Record<string, unknown>) {
  const withRatios = scenarios.map((scenario) => ({
    ...scenario,
    ...compare(scenario.platform, scenario.baseline),
  }));
  for (const scenario of withRatios) {
    console.info(line(scenario.label, scenario.platform));
    console.info(line(`  baseline: ${scenario.baseline.label}`, scenario.baseline));
    console.info(`  platform / baseline: throughput ×${scenario.throughputRatio}, p99 ×${scenario.p99Ratio}`);
  }
  const dir = path.join(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, `${name}.json`),
    `${JSON.stringify({ name, machine: machine(), settings, scenarios: withRatios }, null, 2)}\n`,
  );
}
