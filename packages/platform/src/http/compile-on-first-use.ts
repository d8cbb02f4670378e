import { createRequire } from 'node:module';
import type AjvCompiler from '@fastify/ajv-compiler';
import type SerializerSelector from '@fastify/fast-json-stringify-compiler';
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

type BuildValidator = ReturnType<typeof AjvCompiler>;
type BuildSerializer = ReturnType<typeof SerializerSelector>;
// required on the first compilation: loading them is start-up time too
const require = createRequire(import.meta.url);
let validatorBuilder: BuildValidator | undefined;
let serializerBuilder: BuildSerializer | undefined;

/**
 * Fastify's own compilers, each validator and serialiser compiled on its route's first use: the
 * `schemaController` option of any Fastify instance (a validator compiler set later still takes over).
 */
export const schemasCompiledOnFirstUse = {
  compilersFactory: {
    buildValidator: (...pool: Parameters<BuildValidator>) => {
      let compile: ReturnType<BuildValidator> | undefined;
      return (route: Parameters<ReturnType<BuildValidator>>[0]) =>
        validatorOnFirstUse(() => {
          validatorBuilder ??= (require('@fastify/ajv-compiler') as typeof AjvCompiler)();
          compile ??= validatorBuilder(...pool);
          return compile(route);
        });
    },
    buildSerializer: (...pool: Parameters<BuildSerializer>) => {
      let compile: ReturnType<BuildSerializer> | undefined;
      return (route: Parameters<ReturnType<BuildSerializer>>[0]) => {
        let serialize: ReturnType<ReturnType<BuildSerializer>> | undefined;
        return (document: unknown) => {
          serializerBuilder ??= (
            require('@fastify/fast-json-stringify-compiler') as typeof SerializerSelector
          )();
          compile ??= serializerBuilder(...pool);
          serialize ??= compile(route);
          return serialize(document);
        };
      };
    },
  },
} satisfies FastifyServerOptions['schemaController'];
