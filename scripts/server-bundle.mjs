// The gateway's server code bundled once with esbuild, so that `npm start` runs it with plain Node instead of
// loading some 340 TypeScript modules through tsx's loader hooks on every start. The bundle is rebuilt when
// any file it was built from (listed in its manifest), a package.json, a tsconfig, the lockfile, Node or
// esbuild changes. Workspace code is bundled; packages in the root node_modules stay imports, so Node resolves
// them from the bundle's folder exactly as from the sources.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const manifestName = 'manifest.json';
const workspaceFolders = ['packages', 'services', 'apps'];

/** Files outside the module graph that change what the bundle would be: resolution, compilation, versions. */
async function settingsFiles(repoRoot) {
  const packageFiles = await Promise.all(
    workspaceFolders.map(async (folder) =>
      (await readdir(path.join(repoRoot, folder)).catch(() => []))
        .sort()
        .map((name) => path.join(folder, name, 'package.json')),
    ),
  );
  return ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json', ...packageFiles.flat()];
}

/**
 * SHA-256 over the repository's location, Node's and esbuild's versions, and each file's path and bytes
 * (relative to `repoRoot`; a missing file counts as empty), so any change to them gives another hash.
 */
export async function inputsHash(repoRoot, files, esbuildVersion) {
  const hash = createHash('sha256').update(`${repoRoot}\0${process.version}\0${esbuildVersion}`);
  const unique = [...new Set([...files, ...(await settingsFiles(repoRoot))])].sort();
  const contents = await Promise.all(
    unique.map((file) => readFile(path.join(repoRoot, file)).catch(() => Buffer.alloc(0))),
  );
  unique.forEach((file, index) => {
    hash.update(`\0${file}\0`);
    hash.update(contents[index]);
  });
  return hash.digest('hex');
}

/** What the last build wrote: its bundle's file name, the files it was built from and their hash. */
async function readManifest(cacheDir) {
  const manifest = await readFile(path.join(cacheDir, manifestName), 'utf8')
    .then((text) => JSON.parse(text))
    .catch(() => null);
  return manifest && Array.isArray(manifest.inputs) && typeof manifest.bundle === 'string' ? manifest : null;
}

/** The manifest's bundle, when it is there and every input still hashes to what it was built from. */
async function upToDateBundle(repoRoot, cacheDir, manifest, esbuildVersion) {
  if (!manifest || (await inputsHash(repoRoot, manifest.inputs, esbuildVersion)) !== manifest.hash)
    return null;
  const bundle = path.join(cacheDir, manifest.bundle);
  return (await stat(bundle).catch(() => null)) ? bundle : null;
}

/**
 * esbuild plugin: a bundled module keeps its own `import.meta.url`, `dirname` and `filename` (the services find their
 * migrations beside their sources), and a package is left to Node only when it resolves to the root
 * node_modules; one installed inside a workspace (another version) is bundled with it.
 */
function sourceLocationPlugin(repoRoot) {
  const rootModules = path.join(repoRoot, 'node_modules') + path.sep;
  const resolving = Symbol('resolving');
  return {
    name: 'zefy-source-location',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === resolving || args.kind === 'entry-point') return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: resolving,
        });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        return resolved.path.startsWith(rootModules) ? { path: args.path, external: true } : undefined;
      });
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.')) return undefined;
        return {
          loader: 'ts',
          contents: source
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
            .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
            .replaceAll('import.meta.filename', JSON.stringify(args.path)),
        };
      });
    },
  };
}

/**
 * Bundles `entry` into a new file in `cacheDir`, writes the manifest naming it, then deletes `previous` (the
 * bundle the manifest named before; a start building alongside keeps its own); answers the new file's path.
 */
async function buildBundle(repoRoot, entry, cacheDir, previous) {
  const esbuild = await import('esbuild');
  const name = `server-${Date.now().toString(36)}-${process.pid}.mjs`;
  await mkdir(cacheDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(repoRoot, entry)],
    outfile: path.join(cacheDir, name),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceLocationPlugin(repoRoot)],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => path.relative(repoRoot, path.resolve(input)))
    .filter((input) => !input.startsWith('..'));
  const manifest = { bundle: name, inputs, hash: await inputsHash(repoRoot, inputs, esbuild.version) };
  // renamed into place, so a start running alongside reads the old manifest or the new one, never half
  const temporary = path.join(cacheDir, `${manifestName}.${process.pid}`);
  await writeFile(temporary, JSON.stringify(manifest));
  await rename(temporary, path.join(cacheDir, manifestName));
  if (previous && previous !== name) {
    for (const file of [previous, `${previous}.map`]) await rm(path.join(cacheDir, file), { force: true });
  }
  return path.join(cacheDir, name);
}

/** The bundle of `entry`: reused when up to date, else built now. `built` says which. */
export async function serverBundle(repoRoot, entry, cacheDir) {
  // its version without loading it: a start with an up-to-date bundle has no use for esbuild
  const { version } = createRequire(import.meta.url)('esbuild/package.json');
  const manifest = await readManifest(cacheDir);
  const reused = await upToDateBundle(repoRoot, cacheDir, manifest, version);
  if (reused) return { file: reused, built: false };
  return { file: await buildBundle(repoRoot, entry, cacheDir, manifest?.bundle), built: true };
}
