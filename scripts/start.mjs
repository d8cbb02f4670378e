// `npm start`: the web apps built when changed, then the gateway (apps/gateway/src/main.ts) run from a bundle
// with plain Node, rebuilt when its sources change (scripts/server-bundle.mjs), in this one process.
// Development entry points (npm start -w @zefy/gateway, the tests) keep running the sources through tsx.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleWebApps } from './build-web.mjs';
import { serverBundle } from './server-bundle.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'zefy-gateway');

// Vite builds in a process of its own: it sets NODE_ENV=production in the process it runs in
if ((await staleWebApps()).length > 0) {
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-web.mjs')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const startedAt = performance.now();
const bundle = await serverBundle(repoRoot, 'apps/gateway/src/main.ts', cacheDir);
if (bundle.built) console.log(`gateway: bundled in ${((performance.now() - startedAt) / 1000).toFixed(1)}s`);
// stack traces name the TypeScript sources
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle.file).href);
