import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify compiles every route's request validators (Ajv) and response serialisers (fast-json-stringify)
 * when the route is added: with a few hundred routes that was a large share of each start. Here each one is
 * compiled on its route's first use instead; a schema neither can compile fails that route's requests.
 */
interface Validate {
  (data: unknown): unknown;
  errors?: unknown;
}

/** `compile()`'s validator, compiled on the first call; Fastify reads `errors` off the function it holds. */
export function validatorOnFirstUse<F extends Validate>(compile: () => F): F {
  let compiled: F | undefined;
  const validate = ((data: unknown) => {
    compiled ??= compile();
    const result = compiled(data);
    validate.errors = compiled.errors;
    return result;
  }) as F;
  return validate;
}

const buildValidator = AjvCompiler();
const buildSerializer = SerializerSelector();

/**
 * Fastify's own compilers, each validator and serialiser compiled on its route's first use: the
 * `schemaController` option of any Fastify instance (a validator compiler set later still takes over).
 */
export const schemasCompiledOnFirstUse = {
  compilersFactory: {
    buildValidator: (...pool: Parameters<typeof buildValidator>) => {
      const compile = buildValidator(...pool);
      return (route: Parameters<typeof compile>[0]) => validatorOnFirstUse(() => compile(route));
    },
    buildSerializer: (externalSchemas, options) => {
      const compile = buildSerializer(externalSchemas, options);
      return (route) => {
        let serialize: ReturnType<typeof compile> | undefined;
        return (document) => {
          serialize ??= compile(route);
          return serialize(document);
        };
      };
    },
  },
} satisfies FastifyServerOptions['schemaController'];
