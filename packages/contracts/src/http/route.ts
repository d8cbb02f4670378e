import type { Static, TSchema } from 'typebox';
import type { Access, Role } from '../access.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSchema {
  body?: TSchema;
  params?: TSchema;
  querystring?: TSchema;
  response: Record<number, TSchema>;
}

/**
 * Whose resource a path parameter names. Principals of `roles` reach only their own (someone else's id
 * answers 404 or 403); the other roles the route admits (admin, ops) reach any. `resource` names the kind,
 * so the authorization matrix test can create one for a given owner.
 */
export interface Ownership {
  param: string;
  resource: string;
  roles: readonly Role[];
}

/**
 * One HTTP route as a contract: the service implements it, the gateway documents, authorises and (in
 * distributed mode) forwards it, and the web apps call it. Declaring `access` here is what makes every
 * route say who may call it.
 */
export interface RouteContract<S extends RouteSchema = RouteSchema> {
  service: string;
  method: HttpMethod;
  url: string;
  summary: string;
  access: Access;
  /** POSTs that create or charge take an Idempotency-Key. */
  idempotency?: 'required' | 'optional';
  /**
   * Required when customers or partners may call a route with path parameters: the owned parameter, or
   * `'none'` when its ids are not per-principal (a hub, a catalog service) or are looked up only among the
   * caller's own (`/me/...` keyed by the token's principal).
   */
  owner?: Ownership | 'none';
  /** Refusals beyond the usual 400, 401, 403, 404, 409, 422 and 429 this route may answer (410: expired). */
  problems?: readonly number[];
  schema: S;
}

export const defineRoute = <S extends RouteSchema>(route: RouteContract<S>): RouteContract<S> => route;

type StaticOr<T, Fallback> = T extends TSchema ? Static<T> : Fallback;
/** `{ key?: T }` when every field of T is optional, `{ key: T }` otherwise. */
type Part<Key extends string, T> = [T] extends [undefined]
  ? { [K in Key]?: undefined }
  : Record<string, never> extends T
    ? { [K in Key]?: T }
    : { [K in Key]: T };

/** What a caller sends to a route: its path parameters, query string and body, typed by the contract. */
export type RouteRequest<S extends RouteSchema> = Part<'params', StaticOr<S['params'], undefined>> &
  Part<'query', StaticOr<S['querystring'], undefined>> &
  Part<'body', StaticOr<S['body'], undefined>>;

/** The body of any of the route's declared responses (its 2xx schemas in practice). */
export type RouteResponse<S extends RouteSchema> = {
  [K in keyof S['response']]: StaticOr<S['response'][K], never>;
}[keyof S['response']];

/** `/api/v1/bookings/:bookingId` with `{ bookingId: 'b1' }` → `/api/v1/bookings/b1` (each value encoded). */
export function routePath(url: string, params: Record<string, string> = {}): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${url}`);
    return encodeURIComponent(value);
  });
}
