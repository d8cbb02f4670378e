import type { TSchema } from 'typebox';
import type { Access } from '../access.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSchema {
  body?: TSchema;
  params?: TSchema;
  querystring?: TSchema;
  response: Record<number, TSchema>;
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
  schema: S;
}

export const defineRoute = <S extends RouteSchema>(route: RouteContract<S>): RouteContract<S> => route;
