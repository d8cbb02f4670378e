import type { Ownership, Role } from '@zefy/contracts';

export const roles: readonly Role[] = ['customer', 'partner', 'admin', 'ops'];
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The subset of JSON Schema the route contracts produce (TypeBox output). */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  uniqueItems?: boolean;
}

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  'x-access'?: { public: true } | { roles: Role[] };
  'x-owner'?: Ownership | 'none';
  security?: unknown;
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  responses?: Record<string, { content?: { 'application/json'?: { schema: JsonSchema } } }>;
}

export interface Route {
  method: Uppercase<(typeof methods)[number]>;
  path: string;
  operation: Operation;
}

/** Every operation of the gateway's OpenAPI document (`/docs/json`). */
export async function loadRoutes(baseUrl: string): Promise<Route[]> {
  const doc = (await (await fetch(`${baseUrl}/docs/json`)).json()) as {
    paths: Record<string, Partial<Record<(typeof methods)[number], Operation>>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ method: method.toUpperCase() as Route['method'], path, operation }] : [];
    }),
  );
}

export const label = (route: Route) => `${route.method} ${route.path}`;

export const allowedRoles = (route: Route): readonly Role[] => {
  const access = route.operation['x-access'];
  return access && 'roles' in access ? access.roles : [];
};

export const isPublic = (route: Route) => {
  const access = route.operation['x-access'];
  return access !== undefined && 'public' in access;
};

export const pathParams = (route: Route) =>
  [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
