import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { isNotModified, strongEtagOf } from './conditional.ts';

const asking = (ifNoneMatch?: string) =>
  ({ headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } }) as FastifyRequest;

describe('conditional requests', () => {
  const etag = strongEtagOf('{"items":[]}');

  it('tags equal bodies alike and different bodies apart, as a quoted strong tag', () => {
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(strongEtagOf('{"items":[]}')).toBe(etag);
    expect(strongEtagOf('{"items":[1]}')).not.toBe(etag);
  });

  it('is not modified when If-None-Match names the tag, weakly or in a list, or is *', () => {
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*'])
      expect(isNotModified(asking(header), etag)).toBe(true);
  });

  it('is modified without If-None-Match or when it names other tags', () => {
    for (const header of [undefined, '', '"other"', etag.slice(1, -1)])
      expect(isNotModified(asking(header), etag)).toBe(false);
  });
});
