// Builds the three web apps with Vite, skipping any whose dist/ is newer than all of its inputs.
// Usage: node scripts/build-web.mjs [--force]
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apps = ['user-web', 'partner-web', 'admin-web'];
const sharedInputs = ['packages/web-kit/src', 'packages/contracts/src', 'packages/rules/src'];
const isForced = process.argv.includes('--force');

/** Newest modification time of a file or of everything under a directory; 0 when it does not exist. */
async function newestMtime(target) {
  let info;
  try {
    info = await stat(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((entry) => newestMtime(path.join(target, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function isUpToDate(appDir) {
  // index.html is the entry; a build that died half-way leaves none behind
  const builtAt = await newestMtime(path.join(appDir, 'dist', 'index.html'));
  if (builtAt === 0) return false;
  const inputs = [
    ...['src', 'index.html', 'vite.config.ts', 'public'].map((input) => path.join(appDir, input)),
    ...sharedInputs.map((input) => path.join(repoRoot, input)),
  ];
  const newestInput = Math.max(...(await Promise.all(inputs.map(newestMtime))));
  return builtAt > newestInput;
}

for (const app of apps) {
  const appDir = path.join(repoRoot, 'apps', app);
  if (!isForced && (await isUpToDate(appDir))) {
    console.log(`${app}: up to date, reusing dist/`);
    continue;
  }
  const startedAt = performance.now();
  await build({ root: appDir, configFile: path.join(appDir, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`${app}: built in ${((performance.now() - startedAt) / 1000).toFixed(1)}s`);
}
