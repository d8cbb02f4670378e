import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** A strong validator of a representation's bytes: equal bodies get equal tags, on any instance. */
export const strongEtagOf = (body: string): string =>
  `"${createHash('sha256').update(body).digest('base64url')}"`;

/**
 * RFC 9110 §13.1.2: If-None-Match is compared weakly (a `W/` prefix is ignored), and `*` matches any current
 * representation; true when the client's copy is current, so a GET answers 304.
 */
export function isNotModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
