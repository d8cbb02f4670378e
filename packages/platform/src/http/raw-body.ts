import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body's bytes as received, in scopes that call `useRawJsonBody`. */
    rawBody?: Buffer;
  }
}

/**
 * JSON bodies in this scope keep their exact bytes next to the parsed value, for signatures computed over
 * the raw body (webhooks) and for forwarding a body unchanged. Parsing is Fastify's own, with its
 * prototype-poisoning protection.
 */
export function useRawJsonBody(scope: FastifyInstance): void {
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    parseJson(request, (body as Buffer).toString('utf8'), done);
  });
}
