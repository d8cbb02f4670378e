import { type Static, type TObject, type TProperties, type TSchema, Type } from 'typebox';
import Value from 'typebox/value';

/** Raised when environment variables are missing or malformed; its message is one line naming each of them. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const url = (schemes: string[], description: string) =>
  Type.String({ pattern: `^(${schemes.join('|')})://[^\\s]+$`, description });

/** Variables every process of the platform understands; absent ones fall back to embedded defaults. */
export const PlatformEnv = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  DATA_DIR: Type.String({ default: '.data', minLength: 1 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  DATABASE_URL: Type.Optional(url(['postgres', 'postgresql'], 'a postgres:// URL')),
  RABBITMQ_URL: Type.Optional(url(['amqp', 'amqps'], 'an amqp:// URL')),
  REDIS_URL: Type.Optional(url(['redis', 'rediss'], 'a redis:// URL')),
  NAMESPACE: Type.String({
    default: 'zefy',
    pattern: '^[a-z][a-z0-9-]{0,30}$',
    description: 'lowercase letters, digits and dashes (prefix of RabbitMQ and Redis names)',
  }),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32, description: 'at least 32 characters' })),
});
export type PlatformEnv = Static<typeof PlatformEnv>;

function describe(property: TSchema): string {
  const { description, minimum, maximum, anyOf } = property as {
    description?: string;
    minimum?: number;
    maximum?: number;
    anyOf?: Array<{ const?: unknown }>;
  };
  if (description) return `must be ${description}`;
  if (anyOf) return `must be one of ${anyOf.map((option) => String(option.const)).join(', ')}`;
  if (minimum === undefined) return 'is invalid';
  return maximum === undefined
    ? `must be an integer of at least ${minimum}`
    : `must be an integer from ${minimum} to ${maximum}`;
}

/**
 * Validates and converts environment variables against `schema` (spread PlatformEnv's properties into
 * your own). Each variable is checked on its own, so the error names every bad one; empty strings count
 * as absent.
 */
export function loadConfig<T extends TProperties>(
  schema: TObject<T>,
  env: Record<string, string | undefined> = process.env,
): Static<TObject<T>> {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  const required = new Set<string>((schema.required as string[] | undefined) ?? []);
  for (const [name, property] of Object.entries(schema.properties) as Array<
    [string, TSchema & { default?: unknown }]
  >) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (property.default !== undefined) config[name] = property.default;
      else if (required.has(name)) problems.push(`${name} is required`);
      continue;
    }
    const value = Value.Convert(property, raw);
    if (Value.Check(property, value)) config[name] = value;
    else problems.push(`${name} ${describe(property)}`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return config as Static<TObject<T>>;
}
