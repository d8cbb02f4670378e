import type { TSchema } from 'typebox';
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
  schema: S;
}

export const defineRoute = <S extends RouteSchema>(route: RouteContract<S>): RouteContract<S> => route;
