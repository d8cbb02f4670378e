import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The account's API key and the secret its webhooks are signed with. */
export interface SimulatorKeys {
  keyId: string;
  keySecret: string;
  webhookSecret: string;
}

const base62 = (bytes: number) =>
  randomBytes(bytes)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, bytes);

async function readKeys(file: string): Promise<SimulatorKeys | undefined> {
  try {
    const keys = JSON.parse(await readFile(file, 'utf8')) as Partial<SimulatorKeys>;
    return keys.keyId && keys.keySecret && keys.webhookSecret ? (keys as SimulatorKeys) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Development keys for the simulator, generated once and kept in `<dataDir>/razorpay-sim/keys.json` (like
 * the development JWT secret), so links and webhooks signed before a restart still verify after it. Several
 * processes may start on one data directory at once: one creates the file, the others wait for its content.
 */
export async function loadOrCreateSimulatorKeys(dataDir: string): Promise<SimulatorKeys> {
  const file = path.resolve(dataDir, 'razorpay-sim', 'keys.json');
  const existing = await readKeys(file);
  if (existing) return existing;
  const keys: SimulatorKeys = {
    keyId: `rzp_test_${base62(14)}`,
    keySecret: base62(24),
    webhookSecret: base62(32),
  };
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
    return keys;
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  for (let waited = 0; waited < 5000; waited += 25) {
    const written = await readKeys(file);
    if (written) return written;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${file} exists but holds no simulator keys; delete it to have new ones generated`);
}
