import type { Role } from '@zefy/contracts';
import fc from 'fast-check';
import { allowedRoles, isPublic, type JsonSchema, type Parameter, type Route } from '../openapi.ts';
import type { RawRequest } from '../raw-http.ts';
import {
  bodyInputs,
  credentialInputs,
  extraProperties,
  type Field,
  fieldInputs,
  headerInputs,
  idempotencyKeyInputs,
  mediaTypes,
  pathOnlyInputs,
  queryOnlyInputs,
  textInputs,
  typesOf,
} from './inputs.ts';
import { encodeJson } from './json-text.ts';
import { type Hints, validValue } from './valid-values.ts';

export type Caller = Role | 'anonymous';
export const callers: readonly Caller[] = ['anonymous', 'customer', 'partner', 'admin', 'ops'];

/** One fuzzed request and what it was meant to test. */
export interface FuzzCase {
  route: Route;
  caller: Caller;
  /** Where the hostile input went: `body.label`, `query.limit`, `path.addressId`, `header.authorization`… */
  where: string;
  /** Its class: `nul`, `lone-surrogate`, `non-finite-number`… (`valid-ish` for an unmutated request). */
  input: string;
  request: RawRequest;
  /** Why the contract refuses the request whatever its body and parameters (a success is then a defect). */
  refusedBecause?: string;
  /** The query or path parameter the input replaced, as written in the target, for the checks to judge. */
  parameter?: Parameter & { text: string };
}

/** What the cases take from the running platform. */
export interface FuzzContext {
  hints: Hints;
  /** A valid access token of the caller's principal; none for anonymous. */
  token(caller: Caller): string | undefined;
  /** The id a path parameter takes in a valid-ish request (the caller's own resource), if any is known. */
  pathId(route: Route, param: string, caller: Caller): string | undefined;
  /** Someone else's resource for an owned path parameter. */
  foreignId(route: Route, param: string): string | undefined;
}

/**
 * A request before it is written out: path segments and query pairs as they go on the wire (a pair with a
 * null value is written as its name alone: it already is `name=value&…`).
 */
interface Draft {
  path: Record<string, string>;
  query: Array<[string, string | null]>;
  headers: Array<[string, string | Buffer]>;
  body?: { json: unknown } | { bytes: Buffer };
}

type Mutation = Pick<FuzzCase, 'where' | 'refusedBecause' | 'parameter'> & { draft: Draft };

/** A way to break a valid-ish request; `picks` are seeded choices among the places and variants. */
interface Strategy {
  input: string;
  /** Judged before authentication (routing, headers, body parsing), so worth sending as any caller. */
  beforeAuth: boolean;
  apply(draft: Draft, picks: readonly number[]): Mutation | undefined;
}

const choose = <T>(items: readonly T[], pick: number): T => items[pick % items.length] as T;
const parameters = (route: Route, place: Parameter['in']) =>
  (route.operation.parameters ?? []).filter((parameter) => parameter.in === place);
const bodySchema = (route: Route) => route.operation.requestBody?.content['application/json'].schema;
const withHeader = (draft: Draft, name: string, value: string | Buffer | null): Draft => ({
  ...draft,
  headers: [
    ...draft.headers.filter(([key]) => key !== name),
    ...(value === null ? [] : [[name, value] as [string, string | Buffer]]),
  ],
});
const jsonBytes = (draft: Draft) =>
  draft.body && 'json' in draft.body ? encodeJson(draft.body.json) : Buffer.from('{}');
const formatPath = (path: readonly (string | number)[]) =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');

/** A field of the body: every property the schema names (present or not) and every array element. */
interface BodyField extends Field {
  path: (string | number)[];
}

function branchFor(schema: JsonSchema | undefined, value: unknown): JsonSchema | undefined {
  if (!schema?.anyOf) return schema;
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return (
    schema.anyOf.find((branch) =>
      typesOf(branch).some((t) => t === type || (type === 'number' && t === 'integer')),
    ) ?? schema.anyOf[0]
  );
}

function fieldsOf(
  value: unknown,
  schema: JsonSchema | undefined,
  path: (string | number)[] = [],
): BodyField[] {
  const resolved = branchFor(schema, value);
  if (Array.isArray(value)) {
    const items = resolved?.items;
    return value.flatMap((item, index) => {
      const itemSchema = Array.isArray(items) ? items[index] : items;
      return [
        { path: [...path, index], schema: itemSchema, current: item },
        ...fieldsOf(item, itemSchema, [...path, index]),
      ];
    });
  }
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const keys = new Set([...Object.keys(resolved?.properties ?? {}), ...Object.keys(record)]);
  return [...keys].flatMap((key) => {
    const propertySchema = resolved?.properties?.[key];
    return [
      { path: [...path, key], schema: propertySchema, current: record[key] },
      ...fieldsOf(record[key], propertySchema, [...path, key]),
    ];
  });
}

function objectsOf(value: unknown, schema: JsonSchema | undefined, path: (string | number)[] = []) {
  const nested = fieldsOf(value, schema, path).filter(
    (field) => field.current !== null && typeof field.current === 'object' && !Array.isArray(field.current),
  );
  return [{ path, schema: branchFor(schema, value), current: value }, ...nested];
}

/** A copy of `value` with `update` applied at `path` (one structural copy per level). */
function updateAt(value: unknown, path: readonly (string | number)[], update: (current: unknown) => unknown) {
  if (path.length === 0) return update(value);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  // defineProperty: a key named __proto__ must become a property, not the prototype
  Object.defineProperty(copy, head, {
    value: updateAt(copy[head], rest, update),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

const removeKey = (record: unknown, key: string) => {
  const { [key]: _removed, ...rest } = record as Record<string, unknown>;
  return rest;
};

function bodyFieldStrategies(schema: JsonSchema): Strategy[] {
  const fieldClasses = fieldInputs.map(
    (inputClass): Strategy => ({
      input: inputClass.name,
      beforeAuth: false,
      apply(draft, [fieldPick = 0, variantPick = 0]) {
        if (!draft.body || !('json' in draft.body)) return undefined;
        const fields = fieldsOf(draft.body.json, schema);
        const suited = fields.filter((field) => {
          const types = typesOf(field.schema);
          if (inputClass.on === 'string') return types.includes('string');
          if (inputClass.on === 'number') return types.includes('number') || types.includes('integer');
          return true;
        });
        const candidates = suited.length > 0 ? suited : fields;
        if (candidates.length === 0) return undefined;
        const field = choose(candidates, fieldPick);
        const value = choose(inputClass.variants(field), variantPick);
        return {
          where: `body${formatPath(field.path)}`,
          draft: { ...draft, body: { json: updateAt(draft.body.json, field.path, () => value) } },
        };
      },
    }),
  );
  const extraProperty: Strategy = {
    input: 'extra-property',
    beforeAuth: false,
    apply(draft, [objectPick = 0, keyPick = 0]) {
      if (!draft.body || !('json' in draft.body)) return undefined;
      const target = choose(objectsOf(draft.body.json, schema), objectPick);
      const [key, value] = choose(extraProperties, keyPick);
      return {
        where: `body${formatPath(target.path)}`,
        draft: { ...draft, body: { json: updateAt(draft.body.json, [...target.path, key], () => value) } },
      };
    },
  };
  const missingRequired: Strategy = {
    input: 'missing-required',
    beforeAuth: false,
    apply(draft, [objectPick = 0, keyPick = 0]) {
      if (!draft.body || !('json' in draft.body)) return undefined;
      const required = objectsOf(draft.body.json, schema).flatMap((target) =>
        (target.schema?.required ?? []).map((key) => ({ path: target.path, key })),
      );
      if (required.length === 0) return undefined;
      const { path, key } = choose(required, objectPick + keyPick);
      return {
        where: `body${formatPath([...path, key])}`,
        draft: {
          ...draft,
          body: { json: updateAt(draft.body.json, path, (object) => removeKey(object, key)) },
        },
      };
    },
  };
  return [...fieldClasses, extraProperty, missingRequired];
}

const wholeBodyStrategies: Strategy[] = bodyInputs.map((inputClass) => ({
  input: inputClass.name,
  beforeAuth: true,
  apply(draft, [variantPick = 0]) {
    const variant = choose(inputClass.variants({ json: jsonBytes(draft) }), variantPick);
    const bytes = Buffer.isBuffer(variant) ? variant : Buffer.from(String(variant));
    return {
      where: 'body',
      draft: withHeader({ ...draft, body: { bytes } }, 'content-type', 'application/json'),
    };
  },
}));

function queryStrategies(route: Route): Strategy[] {
  const declared = parameters(route, 'query');
  const targets = declared.length > 0 ? declared : [{ in: 'query' as const, name: 'unexpected', schema: {} }];
  const setParameter = (draft: Draft, name: string, value: string) => ({
    ...draft,
    query: [...draft.query.filter(([key]) => key !== name), [name, value] as [string, string]],
  });
  const valueClasses = textInputs.map(
    (inputClass): Strategy => ({
      input: inputClass.name,
      beforeAuth: false,
      apply(draft, [parameterPick = 0, variantPick = 0]) {
        const parameter = choose(targets, parameterPick);
        const slot = {
          schema: parameter.schema,
          current: draft.query.find(([key]) => key === parameter.name)?.[1] ?? '1',
        };
        const text = String(choose(inputClass.variants(slot), variantPick));
        return {
          where: `query.${parameter.name}`,
          draft: setParameter(draft, parameter.name, text),
          ...(declared.length > 0 ? { parameter: { ...parameter, text } } : {}),
        };
      },
    }),
  );
  const shapeClasses = queryOnlyInputs.map(
    (inputClass): Strategy => ({
      input: inputClass.name,
      beforeAuth: false,
      apply(draft, [parameterPick = 0, variantPick = 0]) {
        const { name } = choose(targets, parameterPick);
        const current = draft.query.find(([key]) => key === name)?.[1] ?? '1';
        const text = String(choose(inputClass.variants({ name, current }), variantPick));
        return {
          where: `query.${name}`,
          draft: { ...draft, query: [...draft.query.filter(([key]) => key !== name), [text, null]] },
        };
      },
    }),
  );
  return [...valueClasses, ...shapeClasses];
}

function pathStrategies(route: Route, context: FuzzContext): Strategy[] {
  const declared = parameters(route, 'path');
  if (declared.length === 0) return [];
  const withSegment = (draft: Draft, name: string, value: string) => ({
    ...draft,
    path: { ...draft.path, [name]: value },
  });
  const routingOnly = new Set(['bad-percent-encoding', 'overlong', 'traversal']);
  const strategies = [...textInputs, ...pathOnlyInputs].map(
    (inputClass): Strategy => ({
      input: inputClass.name,
      beforeAuth: routingOnly.has(inputClass.name),
      apply(draft, [parameterPick = 0, variantPick = 0]) {
        const parameter = choose(declared, parameterPick);
        const slot = { schema: parameter.schema, current: draft.path[parameter.name] ?? '' };
        const text = String(choose(inputClass.variants(slot), variantPick));
        return {
          where: `path.${parameter.name}`,
          draft: withSegment(draft, parameter.name, text),
          parameter: { ...parameter, text },
        };
      },
    }),
  );
  const foreign: Strategy = {
    input: 'foreign-id',
    beforeAuth: false,
    apply(draft, [parameterPick = 0]) {
      const parameter = choose(declared, parameterPick);
      const id = context.foreignId(route, parameter.name);
      if (!id) return undefined;
      return {
        where: `path.${parameter.name}`,
        draft: withSegment(draft, parameter.name, id),
      };
    },
  };
  return [...strategies, foreign];
}

function headerStrategies(route: Route, caller: Caller, context: FuzzContext): Strategy[] {
  const guarded = !isPublic(route);
  const idempotencyKey = parameters(route, 'header').find(
    (parameter) => parameter.name === 'idempotency-key',
  );
  const keyClasses = idempotencyKey
    ? idempotencyKeyInputs.map(
        (inputClass): Strategy => ({
          input: inputClass.name,
          beforeAuth: false,
          apply: (draft, [variantPick = 0]) => ({
            where: 'header.idempotency-key',
            draft: withHeader(
              draft,
              'idempotency-key',
              choose(inputClass.variants(), variantPick) as string | Buffer | null,
            ),
            ...(inputClass.refused || (inputClass.name === 'missing' && idempotencyKey.required)
              ? { refusedBecause: 'the Idempotency-Key is not valid' }
              : {}),
          }),
        }),
      )
    : [];
  const mediaType: Strategy = {
    input: 'media-type',
    beforeAuth: true,
    apply: (draft, [variantPick = 0]) => {
      const [value, isRefused] = choose(mediaTypes, variantPick);
      return {
        where: 'header.content-type',
        draft: withHeader({ ...draft, body: draft.body ?? { json: {} } }, 'content-type', value),
        ...(bodySchema(route) && isRefused ? { refusedBecause: 'the body is not application/json' } : {}),
      };
    },
  };
  const credentials: Strategy = {
    input: 'bad-credentials',
    beforeAuth: true,
    apply: (draft, [variantPick = 0]) => ({
      where: 'header.authorization',
      draft: withHeader(
        draft,
        'authorization',
        choose(credentialInputs(context.token(caller) ?? 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln'), variantPick),
      ),
      ...(guarded ? { refusedBecause: 'the credentials are not valid' } : {}),
    }),
  };
  const odd: Strategy = {
    input: 'odd-header',
    beforeAuth: true,
    apply: (draft, [variantPick = 0]) => {
      const [name, value] = choose(headerInputs, variantPick);
      return { where: `header.${name}`, draft: withHeader(draft, name, value) };
    },
  };
  const oversized: Strategy = {
    input: 'oversized-headers',
    beforeAuth: true,
    apply: (draft, [variantPick = 0]) => ({
      where: 'headers',
      draft: withHeader(draft, 'x-padding', 'p'.repeat(choose([20_000, 70_000], variantPick))),
    }),
  };
  return [...keyClasses, ...(route.method === 'GET' ? [] : [mediaType]), credentials, odd, oversized];
}

/** The valid-ish request of `caller`: schema-valid body and query, the caller's own ids, fresh keys. */
function draftArbitrary(route: Route, caller: Caller, context: FuzzContext): fc.Arbitrary<Draft> {
  const schema = bodySchema(route);
  const query = parameters(route, 'query');
  const queryModel = Object.fromEntries(
    query.map((parameter) => [parameter.name, validValue(parameter.schema, context.hints, parameter.name)]),
  );
  const path = Object.fromEntries(
    parameters(route, 'path').map((parameter) => {
      const known = context.pathId(route, parameter.name, caller);
      const hint = context.hints[`{${parameter.name}}`];
      return [
        parameter.name,
        known ? fc.constant(known) : (hint ?? validValue(parameter.schema, context.hints, parameter.name)),
      ];
    }),
  );
  const token = context.token(caller);
  return fc
    .record({
      body: schema ? validValue(schema, context.hints) : fc.constant(undefined),
      query: fc.record(queryModel, {
        requiredKeys: query.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      }),
      path: fc.record(path),
      idempotencyKey: fc.uuid(),
    })
    .map(({ body, query: values, path: segments, idempotencyKey }) => ({
      path: Object.fromEntries(
        Object.entries(segments).map(([name, value]) => [name, encodeURIComponent(String(value))]),
      ),
      query: Object.entries(values).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, encodeURIComponent(String(value))] as [string, string]],
      ),
      headers: [
        ...(token ? [['authorization', `Bearer ${token}`] as [string, string]] : []),
        ...(parameters(route, 'header').some((parameter) => parameter.name === 'idempotency-key')
          ? [['idempotency-key', idempotencyKey] as [string, string]]
          : []),
        ...(body === undefined ? [] : [['content-type', 'application/json'] as [string, string]]),
      ],
      ...(body === undefined ? {} : { body: { json: body } }),
    }));
}

function toRequest(route: Route, draft: Draft): RawRequest {
  const target = route.path.replace(/\{(\w+)\}/g, (_, name: string) => draft.path[name] ?? '');
  const query = draft.query.map(([name, value]) => (value === null ? name : `${name}=${value}`)).join('&');
  return {
    method: route.method,
    target: query ? `${target}?${query}` : target,
    headers: draft.headers,
    ...(draft.body ? { body: 'json' in draft.body ? encodeJson(draft.body.json) : draft.body.bytes } : {}),
  };
}

/**
 * The cases for one route and caller: `validIsh` unmutated requests, then one request per way of breaking
 * it (a class of input at a seeded place). The other callers (those the route refuses, and on a public
 * route all but anonymous) reach no further than authentication: they get one unmutated request and
 * `otherCallerClasses` of the classes judged before it, picked by the seed.
 */
export function fuzzCases(
  route: Route,
  caller: Caller,
  context: FuzzContext,
  options: { seed: number; validIsh: number; otherCallerClasses: number },
): FuzzCase[] {
  const schema = bodySchema(route);
  const admitted = isPublic(route) ? caller === 'anonymous' : allowedRoles(route).includes(caller as Role);
  const all = [
    ...(schema ? bodyFieldStrategies(schema) : []),
    ...(route.method === 'GET' ? [] : wholeBodyStrategies),
    ...queryStrategies(route),
    ...pathStrategies(route, context),
    ...headerStrategies(route, caller, context),
  ];
  const beforeAuth = all.filter((strategy) => strategy.beforeAuth);
  const count = Math.min(options.otherCallerClasses, beforeAuth.length);
  const strategies = admitted
    ? all
    : (fc.sample(fc.shuffledSubarray(beforeAuth, { minLength: count, maxLength: count }), {
        seed: options.seed,
        numRuns: 1,
      })[0] ?? []);
  const validIsh = admitted ? options.validIsh : 1;
  const picks = fc.array(fc.nat(), { minLength: 2, maxLength: 2 });
  const [samples] = fc.sample(
    fc.tuple(
      fc.array(draftArbitrary(route, caller, context), { minLength: validIsh, maxLength: validIsh }),
      fc.array(fc.tuple(draftArbitrary(route, caller, context), picks), {
        minLength: strategies.length,
        maxLength: strategies.length,
      }),
    ),
    { seed: options.seed, numRuns: 1 },
  );
  const [validDrafts, mutationInputs] = samples ?? [[], []];
  const refusedCaller = isPublic(route) || admitted ? undefined : `the route refuses ${caller}`;
  const validCases = validDrafts.map(
    (draft): FuzzCase => ({
      route,
      caller,
      where: '-',
      input: 'valid-ish',
      request: toRequest(route, draft),
      ...(refusedCaller ? { refusedBecause: refusedCaller } : {}),
    }),
  );
  const mutatedCases = strategies.flatMap((strategy, index): FuzzCase[] => {
    const [draft, choices] = mutationInputs[index] as [Draft, number[]];
    const mutation = strategy.apply(draft, choices);
    if (!mutation) return [];
    const refusedBecause = refusedCaller ?? mutation.refusedBecause;
    return [
      {
        route,
        caller,
        where: mutation.where,
        input: strategy.input,
        request: toRequest(route, mutation.draft),
        ...(refusedBecause ? { refusedBecause } : {}),
        ...(mutation.parameter ? { parameter: mutation.parameter } : {}),
      },
    ];
  });
  return [...validCases, ...mutatedCases];
}

/** The valid-ish request of `caller` with only the required query parameters: to read back what is stored. */
export function plainRequest(route: Route, caller: Caller, context: FuzzContext, seed: number): RawRequest {
  const required = new Set(
    parameters(route, 'query')
      .filter((parameter) => parameter.required)
      .map((parameter) => parameter.name),
  );
  const [draft] = fc.sample(draftArbitrary(route, caller, context), { seed, numRuns: 1 }) as [Draft];
  return toRequest(route, { ...draft, query: draft.query.filter(([name]) => required.has(name)) });
}
