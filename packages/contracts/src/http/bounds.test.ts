import type { TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import * as contracts from '../index.ts';
import type { RouteContract } from './route.ts';

/** String formats whose grammar fixes the length; any other string needs a maxLength. */
const fixedLengthFormats = new Set(['uuid', 'date']);

const isRouteContract = (value: unknown): value is RouteContract =>
  typeof value === 'object' && value !== null && 'method' in value && 'url' in value && 'schema' in value;

const routeContracts = Object.values(contracts).flatMap((exported) =>
  typeof exported === 'object' && exported !== null ? Object.values(exported).filter(isRouteContract) : [],
);

/** Paths (`body.items[].price`) of every number without finite bounds and every string without a length limit. */
function unboundedLeaves(schema: TSchema, at: string): string[] {
  const node = schema as Record<string, unknown>;
  if ('const' in node || 'enum' in node) return [];
  const children: Array<[TSchema, string]> = [];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const member of (node[key] as TSchema[] | undefined) ?? []) children.push([member, at]);
  }
  if (node.not) children.push([node.not as TSchema, at]);
  for (const [name, property] of Object.entries((node.properties as Record<string, TSchema>) ?? {})) {
    children.push([property, `${at}.${name}`]);
  }
  if (typeof node.additionalProperties === 'object')
    children.push([node.additionalProperties as TSchema, `${at}.*`]);
  for (const item of ([] as TSchema[]).concat(
    (node.items as TSchema) ?? [],
    (node.prefixItems as TSchema[]) ?? [],
  )) {
    children.push([item, `${at}[]`]);
  }
  for (const property of Object.values((node.patternProperties as Record<string, TSchema>) ?? {})) {
    children.push([property, `${at}.*`]);
  }
  const own: string[] = [];
  const types = ([] as unknown[]).concat(node.type ?? []);
  if (types.includes('number') || types.includes('integer')) {
    const hasMinimum = typeof node.minimum === 'number' || typeof node.exclusiveMinimum === 'number';
    const hasMaximum = typeof node.maximum === 'number' || typeof node.exclusiveMaximum === 'number';
    if (!hasMinimum || !hasMaximum) own.push(`${at} (number without minimum and maximum)`);
  }
  if (types.includes('string') && typeof node.maxLength !== 'number') {
    if (!fixedLengthFormats.has(node.format as string)) own.push(`${at} (string without maxLength)`);
  }
  return [...own, ...children.flatMap(([child, path]) => unboundedLeaves(child, path))];
}

describe('route contracts', () => {
  it('are all found', () => {
    expect(routeContracts.length).toBeGreaterThan(50);
  });

  it('bound every number and every string a client sends (body, query string, path)', () => {
    const unbounded = routeContracts.flatMap((route) =>
      (['body', 'querystring', 'params'] as const).flatMap((part) => {
        const schema = route.schema[part];
        return schema ? unboundedLeaves(schema, `${route.method} ${route.url} ${part}`) : [];
      }),
    );
    expect(unbounded).toEqual([]);
  });
});
