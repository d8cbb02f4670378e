import Ajv, { type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { validatorOnFirstUse } from './compile-on-first-use.ts';

const sharedOptions: Options = {
  removeAdditional: false,
  allErrors: true,
  useDefaults: true,
  addUsedSchema: false,
};

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({ ...sharedOptions, ...options });
  addFormats(ajv);
  return ajv;
}

/**
 * One validator per part of the request. JSON bodies are typed by the client, so they are validated as sent:
 * `null`, `true` or `[4990]` is not a price. Query strings, path parameters and headers are text, so they
 * are coerced to their schema's types, then validated again without coercion: Ajv assigns a coerced value
 * without re-checking its type (`"Infinity"` becomes Infinity and skips minimum/maximum).
 * Compiled on a route's first request (see compile-on-first-use.ts).
 */
export function createValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  // created with the first validator too: each Ajv compiles its meta-schemas and formats when created
  let asSent: Ajv | undefined;
  let fromText: Ajv | undefined;
  const compile = (schema: FastifySchema, httpPart: string | undefined): ValidateFunction => {
    asSent ??= createAjv({ coerceTypes: false });
    const strict = asSent.compile(schema);
    if (httpPart === 'body') return strict;
    fromText ??= createAjv({ coerceTypes: 'array' });
    const coercing = fromText.compile(schema);
    const validate = ((data: unknown) => {
      const failed = !coercing(data) ? coercing : !strict(data) ? strict : undefined;
      validate.errors = failed?.errors ?? null;
      return !failed;
    }) as ValidateFunction;
    return validate;
  };
  return ({ schema, httpPart }) => validatorOnFirstUse(() => compile(schema, httpPart));
}
