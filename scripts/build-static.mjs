// Builds one web app for a static host on its own origin (Cloudflare Pages): served at `/`, calling the
// gateway at --api-origin, with the host's files from deploy/cloudflare-pages/<app>/ (_redirects, _headers).
// Usage: node scripts/build-static.mjs admin-web --api-origin https://api.example.com [--out dir]
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'api-origin': { type: 'string' }, out: { type: 'string' } },
});
const [app] = positionals;
const apiOrigin = values['api-origin'] ? new URL(values['api-origin']).origin : undefined;
if (!app || !apiOrigin) {
  console.error(
    'Usage: node scripts/build-static.mjs <user-web|partner-web|admin-web> --api-origin https://… [--out dir]',
  );
  process.exit(2);
}
const appDir = path.join(repoRoot, 'apps', app);
const hostDir = path.join(repoRoot, 'deploy', 'cloudflare-pages', app);
const outDir = path.resolve(values.out ?? path.join(appDir, 'dist-static'));

// read by the apps' Vite configuration (defineAppConfig) as build-time settings
process.env.VITE_API_ORIGIN = apiOrigin;
process.env.VITE_BASE_PATH = '/';
await build({
  root: appDir,
  configFile: path.join(appDir, 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true },
});

const tileUrl = process.env.VITE_MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const origins = {
  API_ORIGIN: apiOrigin,
  WS_ORIGIN: apiOrigin.replace(/^http/, 'ws'),
  TILE_ORIGIN: tileUrl ? new URL(tileUrl.replaceAll(/[{}]/g, '')).origin : '',
};
for (const file of await readdir(hostDir)) {
  if (file === '_headers') {
    const template = await readFile(path.join(hostDir, file), 'utf8');
    await writeFile(
      path.join(outDir, file),
      template.replaceAll(/\{\{(\w+)\}\}/g, (_, name) => origins[name] ?? ''),
    );
  } else if (file.startsWith('_')) {
    await copyFile(path.join(hostDir, file), path.join(outDir, file));
  }
}
console.log(`${app}: built for ${apiOrigin} into ${path.relative(repoRoot, outDir) || outDir}`);
