import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body's bytes as received, in scopes that call `useRawJsonBody`. */
    rawBody?: Buffer;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Far deeper than any contract's body; bounds every later walk over a body (validation, fingerprints). */
export const maxBodyDepth = 64;

/** Whether arrays and objects nest deeper than `limit` levels in a parsed JSON value. Iterative. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const item of Object.values(current)) pending.push([item, depth + 1]);
  }
  return false;
}

/**
 * JSON bodies in this scope are read as bytes and must be UTF-8 (RFC 8259): bytes that are not are refused,
 * where a plain decode would turn them into U+FFFD and store that. Parsing is Fastify's own, with its
 * prototype-poisoning protection; a body nested deeper than `maxBodyDepth` is refused, so no later walk over it
 * (a route without a body schema still fingerprints it for idempotency) can overflow the stack. `keepRawBody` keeps the bytes next to the parsed value, for signatures
 * computed over the raw body (webhooks) and for forwarding a body unchanged.
 */
export function useJsonBodies(scope: FastifyInstance, options: { keepRawBody?: boolean } = {}): void {
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (
      request: FastifyRequest,
      body: Buffer | string,
      done: (error: Error | null, value?: unknown) => void,
    ) => {
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
      if (options.keepRawBody) request.rawBody = bytes;
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        done(new AppError('REQUEST.MALFORMED', 'The body is not UTF-8 text'));
        return;
      }
      parseJson(request, text, (error, value) => {
        if (!error && nestsDeeperThan(value, maxBodyDepth))
          done(
            new AppError('REQUEST.NESTED_TOO_DEEP', `Nest arrays and objects at most ${maxBodyDepth} deep`),
          );
        else done(error, value);
      });
    },
  );
}

export const useRawJsonBody = (scope: FastifyInstance): void => useJsonBodies(scope, { keepRawBody: true });
