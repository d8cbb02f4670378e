import { randomUUID } from 'node:crypto';
import type { AuthTokens, Role } from '@zefy/contracts';
import { createSessionRegistry, createTokenService } from '@zefy/platform';
import { afterAll, describe, expect, it } from 'vitest';
import {
  allowedRoles,
  isPublic,
  type JsonSchema,
  label,
  loadRoutes,
  pathParams,
  type Route,
  roles,
} from '../support/openapi.ts';
import { ownedResourceFixtures, type Principal } from '../support/owned-resources.ts';
import { startPlatform } from '../support/platform.ts';

/**
 * Every route of the gateway's OpenAPI document, checked against who it says may call it (`x-access`,
 * `x-owner`, generated from the route contracts). New routes are covered as soon as they are registered;
 * one that cannot be checked (no access rule, a principal's resource without `owner`, an owned resource
 * kind without a fixture in support/owned-resources.ts) fails here instead of being skipped.
 */
// every partner eligible for a job is offered it at once: an offer fixture need not wait for a later wave
const zefy = await startPlatform({
  serveWebApps: false,
  env: { RATE_LIMIT_PER_MINUTE: '1000000', BOOKING_DISPATCH_FIRST_WAVE_SIZE: '1000' },
});
afterAll(async () => {
  await zefy.stop();
});

const fixtures = ownedResourceFixtures(zefy);
const routes = await loadRoutes(zefy.baseUrl);
const fill = (route: Route, values: Record<string, string> = {}) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? randomUUID());

/**
 * The plainest value a schema accepts: a constant or the first choice, the shortest string (a date-time:
 * now), the minimum, the fewest items.
 */
function plainest(schema: JsonSchema & { const?: unknown }): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf?.[0]) return plainest(schema.anyOf[0]);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [name, plainest(schema.properties?.[name] ?? {})]),
      );
    case 'string': {
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return new Date().toISOString();
      const length = Math.max(1, schema.minLength ?? 1);
      // a code of digits (an OTP) takes digits
      return schema.pattern && !new RegExp(schema.pattern).test('x'.repeat(length))
        ? '0'.repeat(length)
        : 'x'.repeat(length);
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () =>
        plainest(Array.isArray(schema.items) ? {} : (schema.items ?? {})),
      );
    default:
      return null;
  }
}

/**
 * Calls the route with an empty JSON body where it takes one, or (`withRequiredFields`) with the plainest
 * value of each required field, so an owner's request reaches the ownership check past validation.
 */
function call(
  route: Route,
  token: string | undefined,
  path = fill(route),
  withRequiredFields = false,
): Promise<Response> {
  const headers = new Headers({ 'idempotency-key': randomUUID() });
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  const schema = route.operation.requestBody?.content['application/json'].schema;
  if (schema) headers.set('content-type', 'application/json');
  return fetch(`${zefy.baseUrl}${path}`, {
    method: route.method,
    headers,
    ...(schema ? { body: JSON.stringify(withRequiredFields ? plainest(schema) : {}) } : {}),
  });
}

const session = (role: Role, id: string = randomUUID()): Promise<AuthTokens> => zefy.signIn(role, id);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;

async function expectStatus(response: Response, expected: number[], what: string): Promise<void> {
  const body = await response.text();
  expect(expected, `${what}: answered ${response.status} ${body}`).toContain(response.status);
}

describe('the OpenAPI document', () => {
  it('lists the routes of every service, each with its access rule', () => {
    const paths = routes.map(label);
    expect(paths).toEqual(
      expect.arrayContaining(['POST /api/v1/catalog/services', 'POST /api/v1/auth/otp/verify']),
    );
    expect(routes.filter((route) => !route.operation['x-access']).map(label)).toEqual([]);
  });

  it('marks exactly the non-public routes as needing a bearer token', () => {
    const mismatched = routes.filter((route) => isPublic(route) === (route.operation.security !== undefined));
    expect(mismatched.map(label)).toEqual([]);
  });

  it('declares whose resource every customer or partner route with an id addresses', () => {
    const undeclared = routes.filter(
      (route) =>
        pathParams(route).length > 0 &&
        allowedRoles(route).some((role) => role === 'customer' || role === 'partner') &&
        route.operation['x-owner'] === undefined,
    );
    expect(
      undeclared.map(label),
      'add owner: {param, resource, roles} or owner: "none" to these contracts',
    ).toEqual([]);
  });

  it('has a fixture for every kind of owned resource', () => {
    const kinds = routes.flatMap((route) => {
      const owner = route.operation['x-owner'];
      return owner && owner !== 'none' ? [owner.resource] : [];
    });
    expect(
      kinds.filter((kind) => !fixtures[kind]),
      'add a fixture for these resource kinds',
    ).toEqual([]);
  });
});

const guarded = routes.filter((route) => !isPublic(route) && route.operation['x-access']);

describe.each(guarded.map((route) => ({ route, name: label(route) })))('$name', ({ route }) => {
  const allowed = allowedRoles(route);
  const refused = roles.filter((role) => !allowed.includes(role));

  it('refuses a missing, expired, tampered or foreign token', async () => {
    const role = allowed[0] as Role;
    await expectStatus(await call(route, undefined), [401], 'no token');
    await expectStatus(await call(route, 'not-a-jwt'), [401], 'garbage token');

    const login = await session(role);
    const expired = await zefy.platform.infra.tokens.issueAccessToken(
      { principal: login.principal, sessionId: login.sessionId },
      -30,
    );
    await expectStatus(await call(route, expired), [401], 'expired token');

    // a token of a role the route refuses, its payload rewritten to an allowed role, signature kept
    const weak = await session(refused[0] ?? role);
    const [header, , signature] = weak.accessToken.split('.');
    const promoted = { ...claims(weak.accessToken), role, exp: Math.floor(Date.now() / 1000) + 600 };
    await expectStatus(
      await call(route, `${header}.${base64url(promoted)}.${signature}`),
      [401],
      'tampered payload',
    );
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims(login.accessToken))}.`;
    await expectStatus(await call(route, unsigned), [401], 'alg none');

    const otherKey = createTokenService(
      `another-secret-${randomUUID()}`,
      createSessionRegistry(zefy.platform.infra.cache),
    );
    const foreign = await otherKey.issueAccessToken({
      principal: login.principal,
      sessionId: login.sessionId,
    });
    await expectStatus(await call(route, foreign), [401], 'token signed with another key');

    await zefy.platform.infra.sessions.revoke(login.sessionId);
    await expectStatus(await call(route, login.accessToken), [401], 'token of a revoked session');
  });

  if (refused.length > 0)
    it.each(refused)('refuses the %s role', async (role) => {
      const { accessToken } = await session(role);
      await expectStatus(await call(route, accessToken), [403], `role ${role}`);
    });

  it.each(allowed)('lets the %s role through authorization', async (role) => {
    const { accessToken } = await session(role);
    const response = await call(route, accessToken);
    expect([401, 403], `role ${role}: ${response.status} ${await response.text()}`).not.toContain(
      response.status,
    );
  });

  const owner = route.operation['x-owner'];
  if (owner && owner !== 'none') {
    it.each(owner.roles.filter((role) => allowed.includes(role)))(
      "refuses a %s another one's resource, and lets its owner reach it",
      async (role) => {
        const fixture = fixtures[owner.resource];
        if (!fixture) throw new Error(`no fixture for ${owner.resource}`);
        const alice: Principal = { role, id: randomUUID() };
        const aliceSession = await session(role, alice.id);
        const mallory = await session(role);
        const resourceId = await fixture(alice);
        const path = fill(route, { [owner.param]: resourceId });
        await expectStatus(await call(route, mallory.accessToken, path, true), [403, 404], `another ${role}`);
        const own = await call(route, aliceSession.accessToken, path, true);
        const body = await own.text();
        if (own.status < 400) return;
        // past the ownership check, a plain request may still be refused by the resource's state (a code
        // that does not match, a job not completed yet), never as a stranger's or as invalid
        expect([409, 422, 423], `owner: ${body}`).toContain(own.status);
        expect((JSON.parse(body) as { code: string }).code, `owner: ${body}`).not.toMatch(/^REQUEST\./);
      },
    );
  }
});
