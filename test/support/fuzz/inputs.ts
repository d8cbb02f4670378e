import type { JsonSchema } from '../openapi.ts';
import { nestedJson, rawJson } from './json-text.ts';

/**
 * The hostile inputs, by the place they go. Each class lists its variants; a case takes one of them, chosen
 * by the seeded generator. `current` is the value the valid-ish request had there.
 */
export interface InputClass<Target> {
  name: string;
  variants(target: Target): unknown[];
}

/** A field of a JSON body (present or not) and what its schema says. */
export interface Field {
  schema: JsonSchema | undefined;
  current: unknown;
}

const textOf = (field: Field) =>
  typeof field.current === 'string' && field.current.length > 1 ? field.current : 'ab';
const middle = (text: string, insert: string) =>
  `${text.slice(0, text.length >> 1)}${insert}${text.slice(text.length >> 1)}`;

export function typesOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf);
  return schema.type ? [schema.type] : [];
}

const isNumeric = (schema: JsonSchema | undefined) =>
  typesOf(schema).some((type) => type === 'number' || type === 'integer');

function lengthBoundaries(schema: JsonSchema | undefined, unbounded: number): string[] {
  const branch = schema?.anyOf?.find((candidate) => candidate.type === 'string') ?? schema;
  const values: string[] = [];
  if (branch?.minLength) values.push('a'.repeat(branch.minLength - 1));
  if (branch?.maxLength !== undefined)
    values.push('a'.repeat(branch.maxLength + 1), 'a'.repeat(branch.maxLength));
  return values.length > 0 ? values : ['a'.repeat(unbounded)];
}

function numberBoundaries(schema: JsonSchema | undefined): number[] {
  const branch = schema?.anyOf?.find((candidate) => isNumeric(candidate)) ?? schema;
  const values = [-1, 0];
  if (branch?.minimum !== undefined) values.push(branch.minimum - 1, branch.minimum, branch.minimum - 0.001);
  if (branch?.maximum !== undefined) values.push(branch.maximum + 1, branch.maximum, branch.maximum + 0.001);
  if (branch?.type === 'integer') values.push(0.5, 1.000001);
  return values;
}

/** Values of every JSON type the schema does not take. */
function otherTypes(schema: JsonSchema | undefined): unknown[] {
  const taken = new Set(typesOf(schema));
  const byType: Array<[string[], unknown[]]> = [
    [['string'], ['1', 'true', 'null']],
    [
      ['number', 'integer'],
      [0, 1, -1.5],
    ],
    [['boolean'], [true, false]],
    [['object'], [{}, { value: 1 }]],
    [['array'], [[], ['x']]],
  ];
  const values = byType.flatMap(([types, candidates]) => (types.some((t) => taken.has(t)) ? [] : candidates));
  return values.length > 0 ? values : [{}];
}

/** Classes for one field of a JSON body; `on` says which fields they suit best. */
export const fieldInputs: Array<InputClass<Field> & { on: 'string' | 'number' | 'any' }> = [
  {
    name: 'nul',
    on: 'string',
    variants: (field) => ['\u0000', `${textOf(field)}\u0000`, middle(textOf(field), '\u0000')],
  },
  {
    name: 'lone-surrogate',
    on: 'string',
    variants: (field) => ['\ud800', `${textOf(field)}\ud83d`, middle(textOf(field), '\udfff')],
  },
  {
    name: 'malformed-utf8',
    on: 'string',
    variants: () => [
      rawJson([0x22, 0xc3, 0x28, 0x22]),
      rawJson([0x22, 0x61, 0xed, 0xa0, 0x80, 0x22]),
      rawJson([0x22, 0xff, 0xfe, 0x22]),
    ],
  },
  {
    name: 'control-characters',
    on: 'string',
    variants: (field) => [
      middle(textOf(field), '\u0001\u001b'),
      `${textOf(field)}\u007f`,
      '\u2028\u2029',
      `\ufeff${textOf(field)}`,
      '\t\r\n',
    ],
  },
  {
    name: 'unusual-text',
    on: 'string',
    variants: () => [
      'Ünïcödé ✓',
      '😀👍🏽',
      'مرحبا',
      'e\u0301',
      "' OR '1'='1",
      '<script>alert(1)</script>',
      '../../etc/passwd',
      '%00',
    ],
  },
  {
    name: 'long-string',
    on: 'string',
    variants: () => ['x'.repeat(10_000), 'é'.repeat(10_000), '😀'.repeat(5_000)],
  },
  { name: 'empty-string', on: 'string', variants: () => ['', ' ', '\t '] },
  { name: 'length-boundary', on: 'string', variants: (field) => lengthBoundaries(field.schema, 100_000) },
  { name: 'number-boundary', on: 'number', variants: (field) => numberBoundaries(field.schema) },
  {
    name: 'huge-number',
    on: 'number',
    variants: () => [1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 1e21, 5e-324, rawJson('-0'), rawJson('1e-400')],
  },
  {
    name: 'non-finite-number',
    on: 'number',
    variants: () => ['1e400', '-1e400', 'NaN', 'Infinity', '-Infinity'].map((text) => rawJson(text)),
  },
  { name: 'null', on: 'any', variants: () => [null] },
  { name: 'wrong-type', on: 'any', variants: (field) => otherTypes(field.schema) },
  {
    name: 'array-for-scalar',
    on: 'any',
    variants: (field) => [[field.current ?? 1], [], [field.current ?? 1, field.current ?? 1]],
  },
  {
    name: 'deep-nesting',
    on: 'any',
    variants: () => [
      nestedJson(5_000, '[', ']'),
      nestedJson(5_000, '{"a":', '}', '1'),
      nestedJson(60_000, '[', ']'),
    ],
  },
];

/** Properties added to an object of a body: unknown, prototype-polluting, odd keys. */
export const extraProperties: Array<[string, unknown]> = [
  ['unexpected', 1],
  ['__proto__', { isAdmin: true }],
  ['constructor', { prototype: { isAdmin: true } }],
  ['', 'empty key'],
  ['k\u0000ey', 1],
  ['x'.repeat(1_000), 1],
];

/** Whole bodies that are not the JSON object the route expects; `json` is the valid-ish body's text. */
export const bodyInputs: Array<InputClass<{ json: Buffer }>> = [
  {
    name: 'not-json',
    variants: () => ['{', '{"a":}', "{'a':1}", '{"a":1,}', 'undefined', 'NaN', '\u0000', '{"a":"\\u00"}'],
  },
  { name: 'empty-body', variants: () => [Buffer.alloc(0)] },
  { name: 'root-type', variants: () => ['[]', '"x"', '1', 'null', 'true', '1e400'] },
  { name: 'utf8-bom', variants: ({ json }) => [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json])] },
  { name: 'huge-body', variants: () => [`{"a":"${'x'.repeat(300_000)}"}`, `[${'1,'.repeat(150_000)}1]`] },
  {
    name: 'deep-nesting',
    variants: () => [
      nestedJson(60_000, '[', ']').bytes,
      nestedJson(40_000, '{"a":', '}', '1').bytes,
      nestedJson(120_000, '[', ']').bytes,
    ],
  },
  {
    name: 'duplicate-keys',
    variants: ({ json }) => {
      const text = json.toString();
      const key = /^\{"((?:[^"\\]|\\.)*)":/.exec(text)?.[1];
      return key === undefined ? ['{"a":1,"a":2}'] : [`${text.slice(0, -1)},"${key}":null}`];
    },
  },
];

/** A query parameter or path segment as written in the request target (already percent-encoded). */
export interface Slot {
  schema: JsonSchema | undefined;
  current: string;
}

/** Classes for a value in the query string or the path. */
export const textInputs: Array<InputClass<Slot>> = [
  { name: 'nul', variants: (slot) => ['%00', `${slot.current}%00`, 'a%00b'] },
  { name: 'lone-surrogate', variants: (slot) => ['%ED%A0%80', `${slot.current}%ED%B0%80`] },
  { name: 'bad-percent-encoding', variants: () => ['%ZZ', '%', '%C3%28', '%FF', '%E2%82'] },
  { name: 'non-finite-number', variants: () => ['Infinity', '-Infinity', 'NaN', '1e400', '-1e400'] },
  { name: 'huge-number', variants: () => ['1e308', '9'.repeat(40), '-9007199254740993', '0x1F', '1e-400'] },
  {
    name: 'boundary',
    variants: (slot) =>
      isNumeric(slot.schema)
        ? numberBoundaries(slot.schema).map(String)
        : lengthBoundaries(slot.schema, 1_000),
  },
  {
    name: 'wrong-type',
    variants: (slot) =>
      slot.schema?.type === 'boolean' ? ['yes', '2', 'null'] : ['abc', '1.5', 'true', 'null', '[]', '{}'],
  },
  { name: 'long-string', variants: () => ['x'.repeat(10_000), '%C3%A9'.repeat(1_500)] },
  { name: 'unicode', variants: () => ['%C3%A9%E2%9C%93', '%F0%9F%98%80', '%E2%80%AE'] },
  { name: 'empty-value', variants: () => [''] },
];

/** Classes for a path segment only: what the router sees (length, dots, slashes) and ids that are not ours. */
export const pathOnlyInputs: Array<InputClass<Slot>> = [
  {
    name: 'overlong',
    variants: (slot) => ['a'.repeat(10_000), 'a'.repeat(101), `${slot.current}${'0'.repeat(200)}`],
  },
  { name: 'traversal', variants: () => ['..', '%2E%2E', '%2F', '..%2F..%2Fadmin', '.', '%2e%2e%2f'] },
  {
    name: 'unknown-id',
    variants: (slot) => [
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      slot.current.toUpperCase(),
    ],
  },
];

/** Classes for the shape of a query string rather than one value; each variant is the whole `name=value` text. */
export const queryOnlyInputs: Array<InputClass<{ name: string; current: string }>> = [
  { name: 'repeated-parameter', variants: ({ name, current }) => [`${name}=${current}&${name}=${current}`] },
  {
    name: 'bracket-syntax',
    variants: ({ name, current }) => [`${name}[]=${current}`, `${name}[a]=${current}`],
  },
  {
    name: 'unknown-parameter',
    variants: () => ['unexpected=1', '__proto__=x', 'constructor[prototype][isAdmin]=1', '=1', '&&', 'a=%00'],
  },
];

const control = (text: string) => Buffer.from(text, 'latin1');

/** Header values for the Idempotency-Key of routes that take one; null drops the header. */
export const idempotencyKeyInputs: Array<InputClass<void> & { refused: boolean }> = [
  { name: 'missing', variants: () => [null], refused: false },
  { name: 'empty-string', variants: () => [''], refused: false },
  { name: 'length-boundary', variants: () => ['k'.repeat(256)], refused: true },
  { name: 'long-string', variants: () => ['k'.repeat(10_000)], refused: true },
  { name: 'control-characters', variants: () => [control('a\u0001b'), control('a\u007fb')], refused: true },
  { name: 'nul', variants: () => [control('a\u0000b')], refused: true },
  { name: 'non-ascii', variants: () => [control('\u00ff\u00fe'), Buffer.from('ключ')], refused: false },
];

/**
 * Content-Type values other than application/json for a JSON body (null drops the header), and whether a
 * route that takes a JSON body must refuse them.
 */
export const mediaTypes: Array<[string | Buffer | null, boolean]> = [
  [null, true],
  ['text/plain', true],
  ['application/x-www-form-urlencoded', true],
  ['multipart/form-data; boundary=x', true],
  ['application/jsonx', true],
  ['application/json; charset=utf-16', false],
  ['application/json; charset=latin1', false],
  ['application/json, text/plain', false],
  ['*/*', false],
  [control('application/json\u0000'), false],
];

/** Authorization values, `token` being the caller's valid one (or a made-up one for anonymous). */
export const credentialInputs = (token: string): Array<string | Buffer> => [
  'Bearer',
  'Bearer ',
  `Bearer ${'a'.repeat(10_000)}`,
  'Basic dXNlcjpwYXNz',
  'Bearer a.b.c',
  `Bearer ${token}x`,
  `Token ${token}`,
  `Bearer ${token.split('.').slice(0, 2).join('.')}.`,
  control('Bearer \u0001'),
];

/** Headers every route reads or could: request and correlation ids, and odd bytes in unknown ones. */
export const headerInputs: Array<[string, string | Buffer]> = [
  ['x-request-id', 'x'.repeat(300)],
  ['x-request-id', control('a\u0001b')],
  ['x-correlation-id', "'; DROP TABLE outbox; --"],
  ['x-correlation-id', control('\u00ff\u00fe')],
  ['x-fuzz', control('a\u0000b')],
  ['accept', 'application/xml'],
  ['accept-encoding', 'gzip, deflate, br'],
  ['x-forwarded-for', '999.999.999.999, <script>'],
];
