import fc from 'fast-check';
import type { JsonSchema } from '../openapi.ts';

/**
 * Values for a property or parameter by name, where the schema alone cannot say what exists (ids, phones);
 * `{name}` for a path parameter only.
 */
export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

const unbounded = 1_000_000;

/**
 * Values the schema accepts ("valid-ish": the schema, not the domain, is satisfied), so that one mutated
 * field at a time is what a request gets wrong. Strings are printable Unicode; numbers finite.
 */
export function validValue(schema: JsonSchema, hints: Hints, name = ''): fc.Arbitrary<unknown> {
  const hint = hints[name];
  if (hint) return hint;
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((branch) => validValue(branch, hints, name)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? 0,
        max: schema.maximum ?? (schema.minimum ?? 0) + unbounded,
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -unbounded,
        max: schema.maximum ?? unbounded,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return validArray(schema, hints, name);
    case 'object':
      return validObject(schema, hints);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 60;
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength;
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'email')
    return fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,15}$/), fc.constantFrom('zefy.dev', 'example.in'))
      .map(([local, domain]) => `${local}@${domain}`);
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('2030-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString());
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc
    .string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 40) })
    .filter((value) => fits(value) && /\S/.test(value) && !value.includes('\ufffd'));
}

function validArray(schema: JsonSchema, hints: Hints, name: string): fc.Arbitrary<unknown[]> {
  const { items } = schema;
  if (Array.isArray(items)) return fc.tuple(...items.map((item) => validValue(item, hints)));
  const item = items ? validValue(items, hints, `${name}[]`) : fc.jsonValue({ maxDepth: 1 });
  const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) };
  return schema.uniqueItems
    ? fc.uniqueArray(item, { ...constraints, selector: (value) => JSON.stringify(value) })
    : fc.array(item, constraints);
}

function validObject(schema: JsonSchema, hints: Hints): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [key, validValue(property, hints, key)]),
  );
  const record = fc.record(model, { requiredKeys: schema.required ?? [] });
  return schema.minProperties
    ? record.filter((value) => Object.keys(value).length >= (schema.minProperties ?? 0))
    : record;
}
