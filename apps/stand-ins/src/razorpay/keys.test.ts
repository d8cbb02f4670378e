import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSimulatorKeys } from './keys.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadOrCreateSimulatorKeys', () => {
  it('gives every process starting on one data directory the same keys', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zefy-sim-keys-'));
    dirs.push(dir);
    const all = await Promise.all(Array.from({ length: 12 }, () => loadOrCreateSimulatorKeys(dir)));
    expect(new Set(all.map((keys) => JSON.stringify(keys))).size).toBe(1);
    const stored = JSON.parse(await readFile(path.join(dir, 'razorpay-sim', 'keys.json'), 'utf8'));
    expect(stored).toEqual(all[0]);
    expect(await loadOrCreateSimulatorKeys(dir)).toEqual(all[0]);
  });
});
