import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** `_headers` lines for every path (`/*`), as Cloudflare Pages reads them; other path rules are not needed here. */
async function headersForAll(root: string): Promise<Record<string, string>> {
  const text = await readFile(path.join(root, '_headers'), 'utf8').catch(() => '');
  const headers: Record<string, string> = {};
  let isForAll = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      isForAll = line.trim() === '/*';
      continue;
    }
    const separator = line.indexOf(':');
    if (isForAll && separator > 0)
      headers[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  return headers;
}

const isFile = (target: string) =>
  stat(target).then(
    (info) => info.isFile(),
    () => false,
  );

/** Whether `_redirects` sends every path to the app (`/* /index.html 200`), as a single-page app needs. */
async function spaFallback(root: string): Promise<boolean> {
  const text = await readFile(path.join(root, '_redirects'), 'utf8').catch(() => '');
  return text.split('\n').some((line) => /^\/\*\s+\/index\.html\s+200\s*$/.test(line.trim()));
}

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/**
 * A static host like Cloudflare Pages, for a built app on an origin of its own: files from `root`, the SPA
 * fallback of its `_redirects` (any path without a file gets index.html) and the `_headers` of the build.
 */
export async function serveStatic(root: string): Promise<StaticSite> {
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://site').pathname);
    // normalising an absolute path drops any `..` above it: nothing outside root is served
    const file = path.join(root, path.normalize(pathname));
    // read per request: the site may be built after the server started (it needs the gateway's origin)
    const [headers, hasSpaFallback] = await Promise.all([headersForAll(root), spaFallback(root)]);
    const candidates = [file, path.join(file, 'index.html')];
    if (hasSpaFallback) candidates.push(path.join(root, 'index.html'));
    let target: string | undefined;
    for (const candidate of candidates) {
      if (await isFile(candidate)) {
        target = candidate;
        break;
      }
    }
    if (!target) {
      response.writeHead(404, headers).end('Not found');
      return;
    }
    response.writeHead(200, {
      ...headers,
      'content-type': types[path.extname(target)] ?? 'application/octet-stream',
    });
    createReadStream(target).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
