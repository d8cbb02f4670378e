import { randomUUID } from 'node:crypto';
import type { Role } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import { holdFor } from '../support/booking.ts';
import {
  type Caller,
  callers,
  type FuzzCase,
  type FuzzContext,
  fuzzCases,
  plainRequest,
} from '../support/fuzz/cases.ts';
import { createChecker, type Finding } from '../support/fuzz/checks.ts';
import { decodeJson, forbiddenContent } from '../support/fuzz/json-text.ts';
import { findInvalidStoredData } from '../support/fuzz/stored-data.ts';
import { allowedRoles, isPublic, label, loadRoutes, type Route, roles } from '../support/openapi.ts';
import { ownedResourceFixtures, type Principal } from '../support/owned-resources.ts';
import { startPlatform } from '../support/platform.ts';
import { type RawRequest, type RawResponse, sendRaw } from '../support/raw-http.ts';

/**
 * The API fuzzer: every operation of the OpenAPI document, as every caller (anonymous and each role), with
 * valid-ish requests generated from its schemas and the same requests broken one place at a time (body
 * fields, whole bodies, query parameters, path ids, headers) by hostile classes of input: NUL, lone
 * surrogates, malformed UTF-8, huge and non-finite numbers, nulls, wrong types, deep nesting, long strings,
 * bad encodings, bad credentials (see support/fuzz/inputs.ts). Requests go out as raw bytes over a socket,
 * so nothing is normalised on the way.
 *
 * The inputs come from fast-check with a fixed seed (FUZZ_SEED overrides it), one derived seed per route
 * and caller: a failure names the seed and the request, and the same seed sends the same requests again.
 * The budget is fixed: per route, three valid-ish requests and one per class of input for each caller it
 * admits, one valid-ish request and four classes judged before authentication for each other caller.
 * After the fuzzing, what was stored is read back through the API and scanned in PostgreSQL.
 */
const seed = Number(process.env.FUZZ_SEED ?? 0x5eed);
const seedFor = (text: string) =>
  [...text].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0, seed >>> 0);

// every partner eligible for a job is offered it at once: an offer fixture need not wait for a later wave
const zefy = await startPlatform({
  serveWebApps: false,
  env: {
    RATE_LIMIT_PER_MINUTE: '1000000',
    BOOKING_DISPATCH_FIRST_WAVE_SIZE: '1000',
    // one customer owns a resource of every kind, several of them holds not paid for
    BOOKING_MAX_UNPAID_HOLDS: '50',
  },
});
afterAll(async () => {
  console.log(`API fuzzer: seed ${seed}, ${sent} requests over ${routes.length} operations`);
  await zefy.stop();
});

const routes = await loadRoutes(zefy.baseUrl);
const checker = createChecker();
const fixtures = ownedResourceFixtures(zefy);
const principals: Record<Role, Principal> = {
  // demo accounts, so that their own routes (/me, /partner/me) find one
  customer: { role: 'customer', id: demoCity.identity.customers[0]?.id ?? randomUUID() },
  // not the partner the hold below books
  partner: { role: 'partner', id: demoCity.identity.partners.at(-1)?.id ?? randomUUID() },
  admin: { role: 'admin', id: randomUUID() },
  ops: { role: 'ops', id: randomUUID() },
};
const someoneElse: Principal = { role: 'customer', id: randomUUID() };
const hold = await holdFor(zefy, principals.customer);

const square = ([lng, lat]: [number, number]) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + 0.01, lat],
      [lng + 0.01, lat + 0.01],
      [lng, lat + 0.01],
      [lng, lat],
    ],
  ],
});

/** What the admin routes change by id (rename, suspend, move a polygon) is made here, not the demo city. */
async function created(path: string, body: object): Promise<string> {
  const response = await apiAt(zefy.baseUrl)(path, {
    method: 'POST',
    token: zefy.adminToken,
    idempotencyKey: true,
    json: body,
  });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
const fuzzCategory = await created('/api/v1/catalog/categories', { id: 'fuzz-category', name: 'Fuzzing' });
const fuzzService = await created('/api/v1/catalog/services', {
  name: 'Fuzzed service',
  category: fuzzCategory,
  basePricePaise: 49_900,
  skill: 'fuzzing',
});
const fuzzHub = await created('/api/v1/locations/hubs', {
  name: 'Fuzz hub',
  city: 'Nowhere',
  timezone: 'Asia/Kolkata',
  polygon: square([70, 30]),
});
const fuzzPartner = await created('/api/v1/admin/partners', {
  name: 'Fuzz Partner',
  phone: '+919000000001',
  skills: [fuzzService],
  hubId: fuzzHub,
});

/** Owned path ids: the caller's own resource of each kind (a customer's where staff reach any), and another's. */
const ownedIds = new Map<string, string>();
const foreignIds = new Map<string, string>();
for (const route of routes) {
  const owner = route.operation['x-owner'];
  if (!owner || owner === 'none') continue;
  const fixture = fixtures[owner.resource];
  if (!fixture) throw new Error(`no fixture for ${owner.resource}`);
  for (const principal of [principals.customer, ...owner.roles.map((role) => principals[role])]) {
    const key = `${owner.resource}:${principal.role}`;
    if (!ownedIds.has(key))
      ownedIds.set(key, owner.resource === 'booking' ? hold.id : await fixture(principal));
  }
  if (!foreignIds.has(owner.resource)) foreignIds.set(owner.resource, await fixture(someoneElse));
}

const tomorrow = new Date(Date.now() + 24 * 3600_000).toLocaleDateString('en-CA', {
  timeZone: 'Asia/Kolkata',
});
const tokens = new Map<Role, string>();
const context: FuzzContext = {
  hints: {
    serviceId: fc.constant(hold.serviceId),
    addressId: fc.constant(hold.addressId),
    holdId: fc.constant(hold.id),
    bookingId: fc.constant(hold.id),
    window: fc.constantFrom({ kind: 'slot', startsAt: hold.window.startsAt }, { kind: 'now' }),
    date: fc.constant(tomorrow),
    orderId: fc.constant(ownedIds.get('payment-order:customer')),
    // no cursor can be made up: the valid-ish request leaves it out
    cursor: fc.constant(undefined),
    category: fc.constant(fuzzCategory),
    '{categoryId}': fc.constant(fuzzCategory),
    '{serviceId}': fc.constant(fuzzService),
    hubId: fc.constant(fuzzHub),
    '{partnerId}': fc.constant(fuzzPartner),
    'skills[]': fc.constantFrom(...demoCity.catalog.services.map((service) => service.id)),
    accountId: fc.constant(someoneElse.id),
    refreshToken: fc.constant((await zefy.signIn('customer', someoneElse.id)).refreshToken),
    phone: fc.integer({ min: 0, max: 999_999_999 }).map((n) => `+919${String(n).padStart(9, '0')}`),
    timezone: fc.constant('Asia/Kolkata'),
    polygon: fc
      .tuple(fc.double({ min: 70, max: 85, noNaN: true }), fc.double({ min: 10, max: 25, noNaN: true }))
      .map(square),
    lat: fc.double({ min: 12.9, max: 13.05, noNaN: true }),
    lng: fc.double({ min: 77.55, max: 77.7, noNaN: true }),
  },
  token: (caller) => (caller === 'anonymous' ? undefined : tokens.get(caller)),
  pathId(route, param, caller) {
    const owner = route.operation['x-owner'];
    if (!owner || owner === 'none' || owner.param !== param) return undefined;
    const role = caller !== 'anonymous' && owner.roles.includes(caller) ? caller : 'customer';
    return ownedIds.get(`${owner.resource}:${role}`);
  },
  foreignId(route, param) {
    const owner = route.operation['x-owner'];
    return owner && owner !== 'none' && owner.param === param ? foreignIds.get(owner.resource) : undefined;
  },
};

/** Fresh sessions for every role: a route that signs its caller out must not starve the next one. */
async function openSessions(): Promise<void> {
  for (const role of roles) tokens.set(role, await zefy.tokenFor(role, principals[role].id));
}

const shorten = (text: string, max = 200) =>
  text.length <= max ? text : `${text.slice(0, max)}…(${text.length} chars)`;
/** The request as sent, shortened, with the caller's own valid token elided. */
function describeRequest({ request, caller }: FuzzCase): string {
  const ownToken = `Bearer ${context.token(caller)}`;
  return [
    `${request.method} ${shorten(request.target)}`,
    ...request.headers.map(([name, value]) =>
      value === ownToken
        ? `${name}: <${caller} token>`
        : `${name}: ${shorten(JSON.stringify(value.toString('latin1')), 120)}`,
    ),
    ...(request.body ? [`body ${shorten(JSON.stringify(request.body.toString()), 300)}`] : []),
  ].join(' | ');
}

/** One line per distinct failure (route, place, class of input, status, rule), with an example request. */
function report(findings: Finding[]): string[] {
  const distinct = new Map<string, { finding: Finding; callers: Set<Caller>; count: number }>();
  for (const finding of findings) {
    const { fuzzCase } = finding;
    const key = `${label(fuzzCase.route)} ${fuzzCase.where} ← ${fuzzCase.input} → ${finding.status} ${finding.rule}`;
    const entry = distinct.get(key) ?? { finding, callers: new Set(), count: 0 };
    entry.callers.add(fuzzCase.caller);
    entry.count += 1;
    distinct.set(key, entry);
  }
  return [...distinct].map(
    ([key, { finding, callers: who, count }]) =>
      `${key} (as ${[...who].join(', ')}; ${count}×): ${shorten(finding.detail)}\n      e.g. ${describeRequest(finding.fuzzCase)}`,
  );
}

async function send(fuzzCase: FuzzCase): Promise<Finding[]> {
  const answer = await sendRaw(zefy.baseUrl, fuzzCase.request).catch((error: Error) => error);
  sent += 1;
  if (!(answer instanceof Error) && answer.status < 300 && fuzzCase.route.method !== 'GET') {
    const created = decodeJson(Buffer.from(answer.body));
    const id = 'value' in created ? (created.value as { id?: unknown } | null)?.id : undefined;
    if (typeof id === 'string') written.push({ fuzzCase, id });
  }
  return checker.check(fuzzCase, answer);
}

/** Entities that fuzzed writes created or changed, to read back once the fuzzing is over. */
const written: Array<{ fuzzCase: FuzzCase; id: string }> = [];
let sent = 0;
const failureHint = `API fuzzer seed ${seed} (FUZZ_SEED=${seed} sends the same requests)`;

describe('the checks', () => {
  const route = routes.find((candidate) => label(candidate) === 'POST /api/v1/locations/addresses') as Route;
  const request = (body: object): RawRequest => ({
    method: 'POST',
    target: route.path,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify(body)),
  });
  const fuzzCase = (body: object): FuzzCase => ({
    route,
    caller: 'customer',
    where: 'body',
    input: 'self-check',
    request: request(body),
  });
  const answer = (status: number, contentType: string, body: object): RawResponse => ({
    status,
    headers: { 'content-type': contentType, 'x-content-type-options': 'nosniff' },
    body: JSON.stringify(body),
  });
  const address = { label: 'Home', line1: '1 Main Road', lat: 12.97, lng: 77.64 };
  const problem = { type: 'about:blank', title: 'Bad', status: 400, code: 'REQUEST.MALFORMED' };

  it('flag a 5xx, a refusal that is not problem+json, a success for a refused body, an answer off its schema', () => {
    const rules = (body: object, response: RawResponse) =>
      checker.check(fuzzCase(body), response).map((finding) => finding.rule);
    expect(rules(address, answer(500, 'application/problem+json', { ...problem, status: 500 }))).toEqual([
      '5xx',
    ]);
    expect(rules(address, answer(400, 'application/json', problem))).toEqual([
      'not problem+json (application/json)',
    ]);
    expect(rules(address, answer(400, 'application/problem+json', { ...problem, status: 404 }))).toEqual([
      'malformed problem: its status is 404',
    ]);
    expect(rules({ ...address, label: 'a\u0000b' }, answer(201, 'application/json', {}))[0]).toMatch(
      /^accepted an invalid request \(body\.label contains NUL\)/,
    );
    expect(rules({ ...address, lat: null }, answer(201, 'application/json', {}))[0]).toMatch(
      /^accepted an invalid request \(body\/lat must be number\)/,
    );
    expect(rules(address, answer(201, 'application/json', { id: 'x' }))).toEqual([
      expect.stringMatching(/^response breaks its schema/),
    ]);
    expect(rules(address, { ...answer(400, 'application/problem+json', problem), headers: {} })).toEqual([
      'not problem+json (no content-type) + no security headers',
    ]);
  });
});

describe.each(routes.map((route) => ({ route, name: label(route) })))('$name', ({ route }) => {
  it('answers every fuzzed request without a 5xx: problem+json refusals, valid successes, nothing invalid accepted', async () => {
    await openSessions();
    const findings: Finding[] = [];
    for (const caller of callers) {
      const cases = fuzzCases(route, caller, context, {
        seed: seedFor(`${label(route)} ${caller}`),
        validIsh: 3,
        otherCallerClasses: 4,
      });
      for (const fuzzCase of cases) findings.push(...(await send(fuzzCase)));
    }
    expect(report(findings), failureHint).toEqual([]);
  });
});

/** The GET that reads back what a write answered: the same path (PUT, PATCH), or the path and the new id. */
function readBackOf(write: FuzzCase, id: string): { route: Route; target: string } | undefined {
  const { path, method } = write.route;
  const same = routes.find((route) => route.method === 'GET' && route.path === path);
  if (same && method !== 'POST') return { route: same, target: write.request.target.split('?')[0] as string };
  const byId = routes.find(
    (route) =>
      route.method === 'GET' &&
      route.path.startsWith(`${path}/{`) &&
      !route.path.slice(path.length + 1).includes('/'),
  );
  return byId && { route: byId, target: byId.path.replace(/\{\w+\}$/, encodeURIComponent(id)) };
}

describe('after the fuzzing', () => {
  it('serves every stored entity valid: read back through the API, each GET as every caller it admits', async () => {
    await openSessions();
    const findings: Finding[] = [];
    const readBack = async (route: Route, caller: Caller, request: RawRequest) => {
      const fuzzCase: FuzzCase = { route, caller, where: 'stored data', input: 'read-back', request };
      const answer = await sendRaw(zefy.baseUrl, request).catch((error: Error) => error);
      findings.push(...checker.check(fuzzCase, answer));
      if (answer instanceof Error || answer.status >= 300) return;
      const decoded = decodeJson(Buffer.from(answer.body));
      const invalid = 'error' in decoded ? decoded.error : forbiddenContent(decoded.value, 'response');
      if (invalid)
        findings.push({ fuzzCase, status: answer.status, rule: 'serves invalid data', detail: invalid });
    };
    for (const route of routes.filter((candidate) => candidate.method === 'GET')) {
      const admitted: Caller[] = isPublic(route) ? ['anonymous'] : [...allowedRoles(route)];
      for (const caller of admitted)
        await readBack(
          route,
          caller,
          plainRequest(route, caller, context, seedFor(`read-back ${label(route)}`)),
        );
    }
    for (const { fuzzCase, id } of written) {
      const read = readBackOf(fuzzCase, id);
      const token = context.token(fuzzCase.caller);
      if (read)
        await readBack(read.route, fuzzCase.caller, {
          method: 'GET',
          target: read.target,
          headers: token ? [['authorization', `Bearer ${token}`]] : [],
        });
    }
    expect(report(findings), failureHint).toEqual([]);
  });

  it('leaves no invalid text, number, time or amount in any table', async () => {
    expect(await findInvalidStoredData(zefy.platform.infra.databaseUrl)).toEqual([]);
  });

  it('keeps the payments ledger balanced and Object.prototype unpolluted', async () => {
    const response = await fetch(`${zefy.baseUrl}/api/v1/admin/payments/ledger/check`, {
      headers: { authorization: `Bearer ${zefy.adminToken}` },
    });
    expect(await response.json()).toMatchObject({ isBalanced: true, problems: [] });
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('isAdmin');
  });
});
