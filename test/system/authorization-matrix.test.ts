import { randomUUID } from 'node:crypto';
import type { AuthTokens, Ownership, Role } from '@zefy/contracts';
import { createSessionRegistry, createTokenService } from '@zefy/platform';
import { afterAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import { holdFor } from '../support/booking.ts';
import { startPlatform } from '../support/platform.ts';

/**
 * Every route of the gateway's OpenAPI document, checked against who it says may call it (`x-access`,
 * `x-owner`, generated from the route contracts). New routes are covered as soon as they are registered;
 * one that cannot be checked (no access rule, a principal's resource without `owner`, an owned resource
 * kind without a fixture below) fails here instead of being skipped.
 */
const zefy = await startPlatform({ serveWebApps: false, env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
afterAll(async () => {
  await zefy.stop();
});

const roles: readonly Role[] = ['customer', 'partner', 'admin', 'ops'];
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  'x-access'?: { public: true } | { roles: Role[] };
  'x-owner'?: Ownership | 'none';
  security?: unknown;
  requestBody?: unknown;
}
interface Route {
  method: Uppercase<(typeof methods)[number]>;
  path: string;
  operation: Operation;
}

type Principal = { role: Role; id: string };

/** Creates a resource of the kind owned by `owner` and answers its id: one entry per `owner.resource`. */
const fixtures: Record<string, (owner: Principal) => Promise<string>> = {
  // a second session of the same account: signing it out must be possible for its owner only
  session: async (owner) => (await zefy.signIn(owner.role, owner.id)).sessionId,
  address: async (owner) => {
    const response = await apiAt(zefy.baseUrl)('/api/v1/locations/addresses', {
      method: 'POST',
      token: await zefy.tokenFor(owner.role, owner.id),
      idempotencyKey: true,
      json: { label: 'Home', line1: '1 Main Road', lat: 12.97, lng: 77.64 },
    });
    if (response.status !== 201)
      throw new Error(`address fixture: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  },
  'payment-order': async (owner) => {
    const response = await apiAt(zefy.baseUrl)('/api/v1/payments/orders', {
      method: 'POST',
      token: await zefy.tokenFor(owner.role, owner.id),
      idempotencyKey: true,
      json: { holdId: randomUUID(), amountPaise: 49_900 },
    });
    if (response.status !== 201)
      throw new Error(`payment order fixture: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  },
  booking: async (owner) => (await holdFor(zefy, owner)).id,
};

const doc = (await (await fetch(`${zefy.baseUrl}/docs/json`)).json()) as {
  paths: Record<string, Partial<Record<(typeof methods)[number], Operation>>>;
};
const routes: Route[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  methods.flatMap((method) => {
    const operation = item[method];
    return operation ? [{ method: method.toUpperCase() as Route['method'], path, operation }] : [];
  }),
);
const label = (route: Route) => `${route.method} ${route.path}`;
const allowedRoles = (route: Route): readonly Role[] => {
  const access = route.operation['x-access'];
  return access && 'roles' in access ? access.roles : [];
};
const isPublic = (route: Route) => {
  const access = route.operation['x-access'];
  return access !== undefined && 'public' in access;
};
const pathParams = (route: Route) =>
  [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
const fill = (route: Route, values: Record<string, string> = {}) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? randomUUID());

function call(route: Route, token: string | undefined, path = fill(route)): Promise<Response> {
  const headers = new Headers({ 'idempotency-key': randomUUID() });
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  const hasBody = route.operation.requestBody !== undefined;
  if (hasBody) headers.set('content-type', 'application/json');
  return fetch(`${zefy.baseUrl}${path}`, {
    method: route.method,
    headers,
    ...(hasBody ? { body: '{}' } : {}),
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
        await expectStatus(await call(route, mallory.accessToken, path), [403, 404], `another ${role}`);
        const own = await call(route, aliceSession.accessToken, path);
        expect(own.status, `owner: ${await own.text()}`).toBeLessThan(400);
      },
    );
  }
});
