import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useProblemDetails } from './problem.ts';
import { maxBodyDepth, nestsDeeperThan, useJsonBodies, useRawJsonBody } from './raw-body.ts';

const app = Fastify();
const stored: unknown[] = [];

beforeAll(async () => {
  useProblemDetails(app);
  useJsonBodies(app);
  app.post('/notes', async (request) => {
    stored.push(request.body);
    return { body: request.body, hasRawBody: request.rawBody !== undefined };
  });
  await app.register(async (scope) => {
    useRawJsonBody(scope);
    scope.post('/webhooks', async (request) => ({ rawBody: request.rawBody?.toString('hex') }));
  });
  await app.ready();
});
afterAll(() => app.close());

const post = (url: string, payload: Buffer) =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });
const json = (text: string) => Buffer.from(text);
const withBytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('JSON bodies', () => {
  it('are parsed from UTF-8, a byte order mark ignored, without keeping the bytes by default', async () => {
    const response = await post('/notes', withBytes([0xef, 0xbb, 0xbf], '{"text":"Ünïcödé ✓ 😀"}'));
    expect(response.json()).toEqual({ body: { text: 'Ünïcödé ✓ 😀' }, hasRawBody: false });
  });

  it.each([
    ['a truncated sequence', [0xc3, 0x28]],
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['bytes that are never UTF-8', [0xff, 0xfe]],
  ])('refuse %s as a 400 problem instead of storing U+FFFD', async (_name, bytes) => {
    const count = stored.length;
    const response = await post('/notes', withBytes('{"text":"a', bytes, '"}'));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'REQUEST.MALFORMED',
      detail: 'The body is not UTF-8 text',
    });
    expect(stored).toHaveLength(count);
  });

  it('keep their exact bytes where a scope asks for the raw body, and refuse bytes that are not UTF-8 there too', async () => {
    const body = json('{"event":"payment.captured", "x": 1}');
    expect((await post('/webhooks', body)).json()).toEqual({ rawBody: body.toString('hex') });
    expect((await post('/webhooks', withBytes('{"event":"', [0xff], '"}'))).statusCode).toBe(400);
  });

  it('keep prototype-poisoning protection', async () => {
    const response = await post('/notes', json('{"__proto__":{"isAdmin":true}}'));
    expect(response.statusCode).toBe(400);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('isAdmin');
  });

  it('nested a hundred thousand levels deep are a 400 problem on a route without a body schema, not a stack overflow', async () => {
    const count = stored.length;
    const depth = 100_000;
    const response = await post('/notes', json(`${'['.repeat(depth)}${']'.repeat(depth)}`));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      type: 'https://zefy.dev/problems/request/nested-too-deep',
      code: 'REQUEST.NESTED_TOO_DEEP',
    });
    expect(stored).toHaveLength(count);
  });

  it(`nested ${maxBodyDepth} levels deep are still accepted`, async () => {
    const body = `${'{"a":'.repeat(maxBodyDepth - 1)}[]${'}'.repeat(maxBodyDepth - 1)}`;
    expect((await post('/notes', json(body))).statusCode).toBe(200);
    expect((await post('/notes', json(`[${body}]`))).statusCode).toBe(400);
  });
});

describe('nesting depth', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan([], 0)).toBe(true);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
  });
});
