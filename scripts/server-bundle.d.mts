export function inputsHash(repoRoot: string, files: string[], esbuildVersion: string): Promise<string>;
export function serverBundle(
  repoRoot: string,
  entry: string,
  cacheDir: string,
): Promise<{ file: string; built: boolean }>;
