import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inputsHash, serverBundle } from './server-bundle.mjs';

const esbuildVersion = '0.0.0-test';
let repo: string;
let cacheDir: string;

/** A repository in miniature: a workspace package that reads a file beside it, and a root package. */
async function createRepo(root: string) {
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };
  await write('package.json', '{"type":"module"}');
  await write('package-lock.json', '{}');
  await write('tsconfig.json', '{}');
  await write(
    'packages/greeting/package.json',
    '{"name":"@t/greeting","type":"module","exports":"./src/index.ts"}',
  );
  await write(
    'packages/greeting/src/index.ts',
    "import { readFileSync } from 'node:fs';\nexport const greeting = (): string => readFileSync(new URL('../word.txt', import.meta.url), 'utf8');\n",
  );
  await write('packages/greeting/word.txt', 'hello');
  await write('node_modules/shout/package.json', '{"name":"shout","type":"module","exports":"./index.js"}');
  await write('node_modules/shout/index.js', "export const shout = (text) => text.toUpperCase() + '!';\n");
  await mkdir(path.join(root, 'node_modules/@t'), { recursive: true });
  await symlink(path.join(root, 'packages/greeting'), path.join(root, 'node_modules/@t/greeting'));
  await write(
    'apps/main/src/main.ts',
    "import { greeting } from '@t/greeting';\nimport { shout } from 'shout';\nexport const answer: string = shout(greeting());\n",
  );
}

beforeEach(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'zefy-server-bundle-'));
  cacheDir = path.join(repo, 'node_modules', '.cache', 'test');
  await createRepo(repo);
});

afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('inputsHash', () => {
  it('changes with any input file, a workspace package.json, the lockfile or the esbuild version', async () => {
    const inputs = ['apps/main/src/main.ts'];
    const before = await inputsHash(repo, inputs, esbuildVersion);
    expect(await inputsHash(repo, inputs, esbuildVersion)).toBe(before);
    expect(await inputsHash(repo, inputs, '0.0.1-test')).not.toBe(before);
    for (const file of ['apps/main/src/main.ts', 'packages/greeting/package.json', 'package-lock.json']) {
      const original = await readFile(path.join(repo, file), 'utf8');
      await writeFile(path.join(repo, file), `${original}\n`);
      expect(await inputsHash(repo, inputs, esbuildVersion), file).not.toBe(before);
      await writeFile(path.join(repo, file), original);
    }
    expect(await inputsHash(repo, inputs, esbuildVersion)).toBe(before);
  });
});

describe('serverBundle', () => {
  it('builds once, reuses the bundle while the sources are unchanged and rebuilds when one changes', async () => {
    const first = await serverBundle(repo, 'apps/main/src/main.ts', cacheDir);
    expect(first.built).toBe(true);
    // the workspace module still finds the file beside its source; the root package stays an import
    const bundled = await import(pathToFileURL(first.file).href);
    expect(bundled.answer).toBe('HELLO!');
    expect(await readFile(first.file, 'utf8')).toMatch(/from "shout"/);

    const second = await serverBundle(repo, 'apps/main/src/main.ts', cacheDir);
    expect(second).toEqual({ file: first.file, built: false });

    await writeFile(
      path.join(repo, 'packages/greeting/src/index.ts'),
      "export const greeting = () => 'hi';\n",
    );
    const third = await serverBundle(repo, 'apps/main/src/main.ts', cacheDir);
    expect(third.built).toBe(true);
    expect((await import(pathToFileURL(third.file).href)).answer).toBe('HI!');
    // the bundle it replaced is gone, the new one stays
    await expect(readFile(first.file)).rejects.toThrow();
    expect(await readFile(third.file, 'utf8')).toContain('hi');
  });

  it('rebuilds when the bundle named by the manifest is gone', async () => {
    const first = await serverBundle(repo, 'apps/main/src/main.ts', cacheDir);
    await rm(first.file);
    expect((await serverBundle(repo, 'apps/main/src/main.ts', cacheDir)).built).toBe(true);
  });
});
