import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '../cache/memory-cache.ts';
import { createLogger } from '../logger.ts';
import { createHttpApp } from './app.ts';
import { createSessionRegistry } from './sessions.ts';
import { createTokenService } from './tokens.ts';

let app: FastifyInstance;
const stored: unknown[] = [];

beforeAll(async () => {
  const tokens = createTokenService(
    'a-test-secret-that-is-long-enough-1234',
    createSessionRegistry(createMemoryCache()),
  );
  app = createHttpApp({ logger: pino({ level: 'silent' }), tokens });
  app.post(
    '/things/:thingId',
    {
      schema: {
        params: Type.Object({ thingId: Type.Integer({ minimum: 1, maximum: 1000 }) }),
        querystring: Type.Object(
          {
            factor: Type.Number({ minimum: 0, maximum: 10, default: 1 }),
            isDraft: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        body: Type.Object(
          {
            label: Type.String({ maxLength: 40 }),
            pricePaise: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
            tags: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 5, default: [] }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      stored.push(request.body);
      return { params: request.params, query: request.query, body: request.body };
    },
  );
  app.get('/things/:thingKey/name', async () => ({ name: 'thing' }));
  await app.ready();
});

afterAll(() => app.close());

const post = (body: unknown, path = '/things/7') =>
  app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

function expectProblem(response: { statusCode: number; headers: Record<string, unknown> }, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toContain("default-src 'self'");
}

describe('text a route receives', () => {
  it.each([
    ['a NUL in a body string', () => post({ label: 'a\u0000b', pricePaise: 1 }), 'body.label'],
    [
      'an unpaired surrogate in a body string',
      () => post({ label: 'home \ud800', pricePaise: 1 }),
      'body.label',
    ],
    [
      'a NUL in a nested array',
      () => post({ label: 'a', pricePaise: 1, tags: ['ok', '\u0000'] }),
      'body.tags[1]',
    ],
    ['a NUL in a field name', () => post({ label: 'a', pricePaise: 1, 'x\u0000': 1 }), 'body (a field name)'],
    [
      'a NUL in the query string',
      () => app.inject({ method: 'POST', url: '/things/7?factor=%00' }),
      'querystring.factor',
    ],
    [
      'a NUL in a path parameter',
      () => app.inject({ method: 'GET', url: '/things/a%00b/name' }),
      'params.thingKey',
    ],
  ])('refuses %s with 400 problem+json naming the field', async (_case, request, field) => {
    const response = await request();
    expectProblem(response, 400);
    expect(response.json()).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [{ field }] });
  });

  it('accepts text with characters outside the basic plane (paired surrogates)', async () => {
    const response = await post({ label: 'home 🏠 घर', pricePaise: 1 });
    expect(response.statusCode).toBe(200);
    expect(response.json().body.label).toBe('home 🏠 घर');
  });
});

describe('JSON bodies', () => {
  it.each([
    ['null', null],
    ['true', true],
    ['an array of one number', [4990]],
    ['a numeric string', '4990'],
  ])('are not coerced: %s is not a price', async (_case, pricePaise) => {
    const before = stored.length;
    const response = await post({ label: 'a', pricePaise });
    expectProblem(response, 400);
    expect(response.json().errors).toContainEqual({
      field: 'body.pricePaise',
      message: 'must be integer',
      rule: 'type',
    });
    expect(stored).toHaveLength(before);
  });

  it('names the rule each field broke and its limit, for apps to word the error themselves', async () => {
    const response = await post({
      label: 'x'.repeat(41),
      pricePaise: 1,
      tags: ['a', 'b', 'c', 'd', 'e', 'f'],
    });
    expectProblem(response, 400);
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        {
          field: 'body.label',
          message: 'must NOT have more than 40 characters',
          rule: 'maxLength',
          limit: 40,
        },
        { field: 'body.tags', message: 'must NOT have more than 5 items', rule: 'maxItems', limit: 5 },
      ]),
    );
    const missing = await post({ pricePaise: 1 });
    expect(missing.json().errors).toContainEqual({
      field: 'body.label',
      message: "must have required property 'label'",
      rule: 'required',
    });
  });

  it('refuses a null latitude instead of storing 0', async () => {
    const response = await post({ label: 'a', pricePaise: 1, lat: null });
    expectProblem(response, 400);
  });

  it('refuses 1e400 (Infinity once parsed)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/things/7',
      headers: { 'content-type': 'application/json' },
      payload: '{"label":"a","pricePaise":1e400}',
    });
    expectProblem(response, 400);
  });

  it('still get their defaults', async () => {
    const response = await post({ label: 'a', pricePaise: 1 });
    expect(response.statusCode).toBe(200);
    expect(response.json().body.tags).toEqual([]);
  });

  it('nested a hundred thousand levels deep are refused, not a crash', async () => {
    const depth = 100_000;
    const response = await app.inject({
      method: 'POST',
      url: '/things/7',
      headers: { 'content-type': 'application/json' },
      payload: `${'['.repeat(depth)}${']'.repeat(depth)}`,
    });
    expectProblem(response, 400);
  });
});

describe('query strings and path parameters', () => {
  it('are still coerced from text, with defaults', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/things/7?isDraft=true',
      payload: { label: 'a', pricePaise: 1 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ params: { thingId: 7 }, query: { factor: 1, isDraft: true } });
  });

  it.each(['Infinity', '-Infinity', '1e400', 'NaN'])('refuse %s as a number', async (value) => {
    const response = await app.inject({
      method: 'POST',
      url: `/things/7?factor=${value}`,
      payload: { label: 'a', pricePaise: 1 },
    });
    expectProblem(response, 400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ field: 'querystring.factor' }));
  });

  it('refuse Infinity as a path id', async () => {
    expectProblem(
      await app.inject({ method: 'POST', url: '/things/Infinity', payload: { label: 'a', pricePaise: 1 } }),
      400,
    );
  });
});

describe('errors the framework answers itself', () => {
  it('an over-long path parameter is a 414 problem with the security headers', async () => {
    const response = await app.inject({ method: 'GET', url: `/things/${'a'.repeat(300)}/name` });
    expectProblem(response, 414);
    expect(response.json()).toMatchObject({ code: 'REQUEST.URI_TOO_LONG' });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('a path that is not valid percent-encoded UTF-8 is a 400 problem', async () => {
    for (const url of ['/things/%E0%A4%A/name', '/things/%ED%A0%80/name']) {
      const response = await app.inject({ method: 'GET', url });
      expectProblem(response, 400);
      expect(response.json()).toMatchObject({ code: 'REQUEST.MALFORMED' });
    }
  });

  it('an unknown path is a 404 problem', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404);
  });

  it('OPTIONS on a route without CORS is a 404 problem; HEAD gets the headers', async () => {
    expectProblem(await app.inject({ method: 'OPTIONS', url: '/things/1/name' }), 404);
    const head = await app.inject({ method: 'HEAD', url: '/things/1/name' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a body of an unsupported type, malformed JSON, or too large a body is a problem', async () => {
    const send = (contentType: string, payload: string) =>
      app.inject({ method: 'POST', url: '/things/7', headers: { 'content-type': contentType }, payload });
    expectProblem(await send('application/xml', '<a/>'), 415);
    expectProblem(await send('application/json', '{"label":'), 400);
    expectProblem(await send('application/json', JSON.stringify({ label: 'x'.repeat(300 * 1024) })), 413);
  });

  it('a request the HTTP parser refuses gets a problem with the security headers on the socket', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /things/1/name HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'),
      );
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toContain('content-type: application/problem+json');
    expect(raw).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'REQUEST.MALFORMED' });
  });
});

describe('request ids in log lines', () => {
  it('every line of a request, Fastify’s own included, carries its request and correlation ids', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logged = createHttpApp({
      logger: createLogger({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) }),
      tokens: createTokenService(
        'a-test-secret-that-is-long-enough-1234',
        createSessionRegistry(createMemoryCache()),
      ),
    });
    logged.get('/hello', async (request) => {
      request.log.info('handling');
      return { hello: 'world' };
    });
    const response = await logged.inject({
      method: 'GET',
      url: '/hello',
      headers: { 'x-request-id': 'req-1', 'x-correlation-id': 'journey-7' },
    });
    await logged.close();

    expect(response.headers).toMatchObject({ 'x-request-id': 'req-1', 'x-correlation-id': 'journey-7' });
    expect(lines.map((line) => line.msg)).toEqual(['incoming request', 'handling', 'request completed']);
    for (const line of lines) expect(line).toMatchObject({ reqId: 'req-1', correlationId: 'journey-7' });
  });
});
