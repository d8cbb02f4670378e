export function inputsHash(repoRoot: string, files: string[], esbuildVersion: string): Promise<string>;
export function upToDateBundle(
  repoRoot: string,
  cacheDir: string,
  esbuildVersion: string,
): Promise<string | null>;
export function buildBundle(repoRoot: string, entry: string, cacheDir: string): Promise<string>;
export function serverBundle(
  repoRoot: string,
  entry: string,
  cacheDir: string,
): Promise<{ file: string; built: boolean }>;
