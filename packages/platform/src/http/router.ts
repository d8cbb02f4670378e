import type { Principal, RouteContract, RouteResponse, RouteSchema } from '@zefy/contracts';
import { canAccess, ProblemSchema } from '@zefy/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { AppError } from '../core/errors.ts';
import type { Database } from '../db/database.ts';
import { idempotencyHooks } from './idempotency.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** The session the access token belongs to (logout ends it). */
    sessionId?: string;
  }
  interface FastifyContextConfig {
    contract?: RouteContract;
  }
}

type StaticOr<T, Fallback> = T extends TSchema ? Static<T> : Fallback;

export interface RouteInput<S extends RouteSchema> {
  body: StaticOr<S['body'], undefined>;
  params: StaticOr<S['params'], Record<string, never>>;
  query: StaticOr<S['querystring'], Record<string, never>>;
  /** Set whenever the route is not public. */
  principal: Principal;
  /** The caller's session; set whenever the route is not public. */
  sessionId: string;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** Answers the route's response body, or the reply once it sent an answer of its own (a 304). */
export type RouteHandler<S extends RouteSchema> = (
  input: RouteInput<S>,
) => Promise<RouteResponse<S> | FastifyReply>;

/** Verifies the bearer token when present and enforces the contract's access rule. */
export async function authenticate(request: FastifyRequest): Promise<void> {
  const contract = request.routeOptions.config.contract;
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw new AppError('AUTH.UNAUTHENTICATED', 'Use Authorization: Bearer <token>');
    const { principal, sessionId } = await request.server.tokens.verifyAccessToken(token);
    request.principal = principal;
    request.sessionId = sessionId;
  }
  if (!contract || contract.access.kind === 'public') return;
  if (!request.principal) throw new AppError('AUTH.UNAUTHENTICATED', 'This route needs an access token');
  if (!canAccess(contract.access, request.principal))
    throw new AppError('AUTH.FORBIDDEN', `Role ${request.principal.role} may not call this route`);
}

/**
 * Who may call, in the OpenAPI document too (`x-access`, `x-owner`): API readers see it, and the
 * authorization matrix test reads it from there. @fastify/swagger copies `x-` keys to the operation.
 */
function accessExtensions(contract: RouteContract): object {
  return {
    'x-access': contract.access.kind === 'roles' ? { roles: contract.access.roles } : { public: true },
    ...(contract.owner ? { 'x-owner': contract.owner } : {}),
  };
}

/** Fastify route options shared by implemented and proxied routes: schema, docs, auth. */
export function routeOptions(contract: RouteContract): Omit<RouteOptions, 'handler'> {
  const problems = Object.fromEntries(
    [400, 401, 403, 404, 409, 422, 429, 500, ...(contract.problems ?? [])].map((status) => [
      status,
      ProblemSchema,
    ]),
  );
  return {
    method: contract.method,
    url: contract.url,
    config: { contract },
    schema: {
      summary: contract.summary,
      tags: [contract.service],
      ...accessExtensions(contract),
      ...(contract.access.kind === 'roles' ? { security: [{ bearerAuth: [] }] } : {}),
      ...(contract.idempotency
        ? {
            headers: {
              type: 'object',
              properties: { 'idempotency-key': { type: 'string', maxLength: 255 } },
              ...(contract.idempotency === 'required' ? { required: ['idempotency-key'] } : {}),
            },
          }
        : {}),
      ...(contract.schema.body ? { body: contract.schema.body } : {}),
      ...(contract.schema.params ? { params: contract.schema.params } : {}),
      ...(contract.schema.querystring ? { querystring: contract.schema.querystring } : {}),
      response: { ...problems, ...contract.schema.response },
    },
    preValidation: authenticate,
  };
}

/** Registers a service's handler for a route contract, with its auth and idempotency rules. */
export function implementRoute<S extends RouteSchema>(
  app: FastifyInstance,
  db: Database,
  contract: RouteContract<S>,
  handler: RouteHandler<S>,
): void {
  const successStatus = Number(
    Object.keys(contract.schema.response).find((status) => status.startsWith('2')) ?? 200,
  );
  const idempotency = contract.idempotency ? idempotencyHooks(db, contract.idempotency) : undefined;
  app.route({
    ...routeOptions(contract as RouteContract),
    ...(idempotency ? { preHandler: idempotency.preHandler, onSend: idempotency.onSend } : {}),
    handler: async (request, reply) => {
      const body = await handler({
        body: request.body as RouteInput<S>['body'],
        params: request.params as RouteInput<S>['params'],
        query: request.query as RouteInput<S>['query'],
        principal: request.principal as Principal,
        sessionId: request.sessionId as string,
        request,
        reply,
      });
      if (reply.sent) return reply;
      return reply.code(reply.statusCode === 200 ? successStatus : reply.statusCode).send(body);
    },
  });
}
