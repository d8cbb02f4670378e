import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SimulatorKeys } from './simulator.ts';

const base62 = (bytes: number) =>
  randomBytes(bytes)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, bytes);

/**
 * Development keys for the simulator, generated once and kept in `<dataDir>/razorpay-sim/keys.json` (like
 * the development JWT secret), so links and webhooks signed before a restart still verify after it.
 */
export async function loadOrCreateSimulatorKeys(dataDir: string): Promise<SimulatorKeys> {
  const file = path.resolve(dataDir, 'razorpay-sim', 'keys.json');
  const existing = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Partial<SimulatorKeys>,
    () => ({}) as Partial<SimulatorKeys>,
  );
  if (existing.keyId && existing.keySecret && existing.webhookSecret) return existing as SimulatorKeys;
  const keys: SimulatorKeys = {
    keyId: `rzp_test_${base62(14)}`,
    keySecret: base62(24),
    webhookSecret: base62(32),
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
