// Builds the three web apps with Vite, skipping any whose inputs hash to what its dist/ was built from: its
// sources, the shared packages, the configs, the lockfile and the build-time settings (VITE_* variables), so a
// restart does not rebuild. Usage: node scripts/build-web.mjs [--force]; `npm start` asks staleWebApps()
// first and runs this script only when one is stale.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apps = ['user-web', 'partner-web', 'admin-web'];
const appInputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];
const sharedInputs = [
  'packages/web-kit/src',
  'packages/web-kit/vite',
  'packages/web-kit/package.json',
  'packages/contracts/src',
  'packages/rules/src',
  'package-lock.json',
  'tsconfig.base.json',
  'tsconfig.web.json',
];
const settings = JSON.stringify(
  Object.fromEntries(
    Object.entries(process.env)
      .filter(([name]) => name.startsWith('VITE_'))
      .sort(),
  ),
);
// written beside the build, so a build for another API origin or base path is not taken for this one
const inputsFile = (appDir) => path.join(appDir, 'dist', '.build-inputs');

/** Every file under `target` (or `target` itself), sorted; none when it does not exist. */
async function filesUnder(target) {
  const info = await stat(target).catch(() => null);
  if (!info) return [];
  if (!info.isDirectory()) return [target];
  const entries = (await readdir(target)).sort();
  return (await Promise.all(entries.map((entry) => filesUnder(path.join(target, entry))))).flat();
}

/** SHA-256 over the settings and each input file's path and bytes. */
async function inputsHash(appDir) {
  const targets = [
    ...appInputs.map((input) => path.join(appDir, input)),
    ...sharedInputs.map((input) => path.join(repoRoot, input)),
  ];
  const hash = createHash('sha256').update(settings);
  for (const file of (await Promise.all(targets.map(filesUnder))).flat()) {
    hash.update(`\0${path.relative(repoRoot, file)}\0`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

async function isUpToDate(appDir, hash) {
  // index.html is the entry; a build that died half-way leaves none behind
  const hasEntry = await stat(path.join(appDir, 'dist', 'index.html')).then(
    () => true,
    () => false,
  );
  return hasEntry && (await readFile(inputsFile(appDir), 'utf8').catch(() => null)) === hash;
}

/** The apps whose dist/ is missing or was built from other inputs, with their inputs' hash. */
export async function staleWebApps() {
  const checked = await Promise.all(
    apps.map(async (app) => {
      const appDir = path.join(repoRoot, 'apps', app);
      const hash = await inputsHash(appDir);
      return { app, appDir, hash, isStale: !(await isUpToDate(appDir, hash)) };
    }),
  );
  return checked.filter((entry) => entry.isStale);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stale = process.argv.includes('--force')
    ? null
    : new Set((await staleWebApps()).map(({ app }) => app));
  for (const app of apps) {
    if (stale && !stale.has(app)) {
      console.log(`${app}: up to date, reusing dist/`);
      continue;
    }
    const appDir = path.join(repoRoot, 'apps', app);
    const hash = await inputsHash(appDir);
    const startedAt = performance.now();
    const { build } = await import('vite');
    await build({ root: appDir, configFile: path.join(appDir, 'vite.config.ts'), logLevel: 'warn' });
    await writeFile(inputsFile(appDir), hash);
    console.log(`${app}: built in ${((performance.now() - startedAt) / 1000).toFixed(1)}s`);
  }
}
