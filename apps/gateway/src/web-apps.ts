import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { AppError } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';

export const webApps = [
  { name: 'user-web', prefix: '/' },
  { name: 'partner-web', prefix: '/partner/' },
  { name: 'admin-web', prefix: '/admin/' },
] as const;

/**
 * Serves each built app (`apps/<name>/dist`) at its prefix; unknown paths under a prefix get the app's
 * index.html so client-side routes survive a reload. Apps not built yet are skipped with a warning.
 */
export async function useWebApps(app: FastifyInstance, webDir: string): Promise<string[]> {
  const served: string[] = [];
  for (const web of webApps) {
    const root = path.resolve(webDir, web.name, 'dist');
    if (!existsSync(path.join(root, 'index.html'))) {
      app.log.warn({ app: web.name, root }, 'web app not built; run npm run build:web');
      continue;
    }
    await app.register(fastifyStatic, {
      root,
      prefix: web.prefix,
      wildcard: false,
      decorateReply: served.length === 0,
      index: ['index.html'],
    });
    app.get(`${web.prefix}*`, { schema: { hide: true } }, (request, reply) => {
      if (/^\/(api|ws|docs)(\/|$)/.test(request.url))
        throw new AppError(
          'REQUEST.NOT_FOUND',
          `${request.method} ${request.url.split('?')[0]} does not exist`,
        );
      return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
    });
    served.push(web.name);
  }
  return served;
}
