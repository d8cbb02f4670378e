import { schemasCompiledOnFirstUse } from '@zefy/platform';
import Fastify, { type FastifyReply } from 'fastify';

/** How a scripted token fails; after `times` failures (default: for ever) it is accepted again. */
export interface TokenScript {
  failure: FcmFailure;
  times?: number;
  /** Sent as Retry-After with QUOTA_EXCEEDED and UNAVAILABLE. */
  retryAfterSeconds?: number;
}

export interface SimulatedSend {
  name: string | null;
  status: number;
  target: { token?: string; topic?: string; condition?: string };
  errorCode: FcmFailure | null;
  validateOnly: boolean;
  message: unknown;
  receivedAt: string;
}

export interface FcmSimulator {
  url: string;
  projectId: string;
  accessToken: string;
  script(token: string, script: TokenScript): void;
  /** Every request that reached the send endpoint with a parseable message, in arrival order. */
  sends(): SimulatedSend[];
  /** Accepted (HTTP 200, not validate-only) messages to `token`. */
  delivered(token: string): SimulatedSend[];
  reset(): void;
  close(): Promise<void>;
}

/** The FCM HTTP v1 `FcmError.errorCode` values a token can be scripted to fail with, and FCM's answer to each. */
const statusOf = {
  INVALID_ARGUMENT: {
    http: 400,
    status: 'INVALID_ARGUMENT',
    message: 'The registration token is not a valid FCM registration token',
  },
  UNREGISTERED: { http: 404, status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  SENDER_ID_MISMATCH: { http: 403, status: 'PERMISSION_DENIED', message: 'SenderId mismatch' },
  QUOTA_EXCEEDED: {
    http: 429,
    status: 'RESOURCE_EXHAUSTED',
    message: 'Message rate exceeded for the device.',
  },
  UNAVAILABLE: { http: 503, status: 'UNAVAILABLE', message: 'The service is currently unavailable.' },
  INTERNAL: { http: 500, status: 'INTERNAL', message: 'Internal error encountered.' },
  THIRD_PARTY_AUTH_ERROR: {
    http: 401,
    status: 'UNAUTHENTICATED',
    message: 'Auth error from APNS or Web Push Service',
  },
} as const satisfies Record<string, { http: number; status: string; message: string }>;
export type FcmFailure = keyof typeof statusOf;

class GoogleError extends Error {
  constructor(
    readonly http: number,
    readonly status: string,
    message: string,
    readonly details: object[] = [],
  ) {
    super(message);
  }
}

const fcmError = (code: FcmFailure) => ({
  '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError',
  errorCode: code,
});
const badRequest = (field: string, description: string) => ({
  '@type': 'type.googleapis.com/google.rpc.BadRequest',
  fieldViolations: [{ field, description }],
});
const invalid = (message: string, field?: string, description?: string) =>
  new GoogleError(400, 'INVALID_ARGUMENT', message, [
    fcmError('INVALID_ARGUMENT'),
    ...(field ? [badRequest(field, description ?? message)] : []),
  ]);

const messageFields = new Set([
  'name',
  'token',
  'topic',
  'condition',
  'fid',
  'data',
  'notification',
  'android',
  'apns',
  'webpush',
  'fcm_options',
]);
// proto3 JSON: the API takes each field by its proto name or its lowerCamelCase one (firebase-admin's)
const webpushFields = new Set(['headers', 'data', 'notification', 'fcm_options', 'fcmOptions']);
const webpushFcmOptionsFields = new Set(['link', 'analytics_label', 'analyticsLabel']);
const reservedDataKey = /^(from|message_type|google.*|gcm.*)$/i;
const maxTtlSeconds = 2_419_200;
// real tokens are long strings of these characters; anything else is refused as FCM would
const tokenShape = /^[A-Za-z0-9_:.-]{8,4096}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function refuseUnknownFields(record: Record<string, unknown>, known: Set<string>, at: string): void {
  for (const key of Object.keys(record)) {
    if (!known.has(key))
      throw new GoogleError(
        400,
        'INVALID_ARGUMENT',
        `Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`,
        [badRequest(at, `Invalid JSON payload received. Unknown name "${key}" at '${at}'`)],
      );
  }
}

function validateStringMap(map: unknown, at: string): void {
  if (map === undefined) return;
  if (!isRecord(map)) throw invalid(`Invalid value at '${at}'`, at);
  Object.values(map).forEach((entry, index) => {
    if (typeof entry !== 'string')
      throw invalid(
        `Invalid value at '${at}[${index}].value' (TYPE_STRING), ${JSON.stringify(entry)}`,
        `${at}[${index}].value`,
        `Invalid value at '${at}[${index}].value' (TYPE_STRING)`,
      );
  });
}

/** `WebpushConfig`: its link must be https:// (the API reference: "For all URL values, HTTPS is required"). */
function validateWebpush(webpush: unknown): void {
  if (!isRecord(webpush)) throw invalid("Invalid value at 'message.webpush'", 'message.webpush');
  refuseUnknownFields(webpush, webpushFields, 'message.webpush');
  validateStringMap(webpush.headers, 'message.webpush.headers');
  validateStringMap(webpush.data, 'message.webpush.data');
  if (webpush.notification !== undefined && !isRecord(webpush.notification))
    throw invalid("Invalid value at 'message.webpush.notification'", 'message.webpush.notification');
  const options = webpush.fcm_options ?? webpush.fcmOptions;
  if (options === undefined) return;
  const at = 'message.webpush.fcm_options';
  if (!isRecord(options)) throw invalid(`Invalid value at '${at}'`, at);
  refuseUnknownFields(options, webpushFcmOptionsFields, at);
  const { link } = options;
  if (link === undefined) return;
  if (typeof link !== 'string') throw invalid(`Invalid value at '${at}.link' (TYPE_STRING)`, `${at}.link`);
  if (!URL.canParse(link) || new URL(link).protocol !== 'https:')
    throw invalid(`The link must be an HTTPS URL: ${link}`, `${at}.link`);
}

/** Checks a message as FCM HTTP v1 does, in the order a client would hit the rules; returns its target. */
function validateMessage(message: unknown): SimulatedSend['target'] {
  if (!isRecord(message))
    throw invalid('Request contains an invalid argument.', 'message', 'message is required');
  refuseUnknownFields(message, messageFields, 'message');
  const targets = (['token', 'topic', 'condition'] as const).filter((key) => message[key] !== undefined);
  if (targets.length !== 1)
    throw invalid(
      'Exactly one of token, topic or condition must be specified.',
      'message',
      `found ${targets.length} targets`,
    );
  const [kind] = targets as [keyof SimulatedSend['target']];
  const value = message[kind];
  if (typeof value !== 'string' || value.length === 0)
    throw invalid(`Invalid value at 'message.${kind}' (TYPE_STRING)`, `message.${kind}`);
  if (kind === 'token' && !tokenShape.test(value))
    throw invalid('The registration token is not a valid FCM registration token', 'message.token');
  if (kind === 'topic' && !/^[a-zA-Z0-9-_.~%]+$/.test(value))
    throw invalid('Invalid topic name.', 'message.topic');

  validateStringMap(message.data, 'message.data');
  for (const key of Object.keys(message.data ?? {}))
    if (reservedDataKey.test(key))
      throw invalid(`Invalid data key "${key}": the key is reserved.`, 'message.data');
  if (message.notification !== undefined) {
    if (!isRecord(message.notification)) throw invalid("Invalid value at 'message.notification'");
    for (const key of ['title', 'body', 'image'])
      if (message.notification[key] !== undefined && typeof message.notification[key] !== 'string')
        throw invalid(
          `Invalid value at 'message.notification.${key}' (TYPE_STRING)`,
          `message.notification.${key}`,
        );
  }
  if (message.android !== undefined) {
    if (!isRecord(message.android)) throw invalid("Invalid value at 'message.android'");
    const { priority, ttl } = message.android;
    if (priority !== undefined && !/^(normal|high)$/i.test(String(priority)))
      throw invalid(
        `Invalid value at 'message.android.priority' (TYPE_ENUM), "${priority}"`,
        'message.android.priority',
      );
    if (ttl !== undefined) {
      const seconds =
        typeof ttl === 'string' && /^\d+(\.\d{1,9})?s$/.test(ttl) ? Number.parseFloat(ttl) : Number.NaN;
      if (!(seconds >= 0 && seconds <= maxTtlSeconds))
        throw invalid(
          'The TTL must be a duration between 0 and 4 weeks, e.g. "3.5s".',
          'message.android.ttl',
        );
    }
  }
  if (message.webpush !== undefined) validateWebpush(message.webpush);
  // the limit counts the payload, not the address; topic messages get half
  const { token: _t, topic: _p, condition: _c, ...payload } = message;
  const limit = kind === 'topic' ? 2048 : 4096;
  const size = Buffer.byteLength(JSON.stringify(payload));
  if (size > limit) throw invalid(`Message is too big: ${size} bytes, the limit is ${limit}.`, 'message');
  return { [kind]: value };
}

/**
 * A local Firebase Cloud Messaging (HTTP v1) with the real wire format and failure modes: Bearer auth, the
 * message rules (one target, string data, 4096-byte payload) and Google error bodies with FcmError details.
 * Tokens can be scripted to fail (UNREGISTERED, QUOTA_EXCEEDED with Retry-After, …), in-process or via
 * `PUT /__sim/tokens/:token`; `GET /__sim/sends` lists what arrived.
 */
export async function startFcmSimulator(
  options: { projectId?: string; accessToken?: string; host?: string; port?: number } = {},
): Promise<FcmSimulator> {
  const projectId = options.projectId ?? 'zefy-local';
  const accessToken = options.accessToken ?? 'zefy-local-fcm-token';
  const scripts = new Map<string, TokenScript & { failuresLeft: number }>();
  const log: SimulatedSend[] = [];
  let counter = 0;
  const app = Fastify({
    logger: false,
    bodyLimit: 1_048_576,
    schemaController: schemasCompiledOnFirstUse,
  });

  const sendError = (reply: FastifyReply, error: GoogleError) =>
    reply.code(error.http).send({
      error: { code: error.http, message: error.message, status: error.status, details: error.details },
    });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof GoogleError) return sendError(reply, error);
    const { statusCode, message } = error as { statusCode?: number; message?: string };
    if (statusCode === 400)
      return sendError(
        reply,
        new GoogleError(400, 'INVALID_ARGUMENT', `Invalid JSON payload received. ${message ?? ''}`),
      );
    return sendError(
      reply,
      new GoogleError(500, 'INTERNAL', 'Internal error encountered.', [fcmError('INTERNAL')]),
    );
  });

  app.post<{ Params: { project: string } }>(
    '/v1/projects/:project/messages::send',
    async (request, reply) => {
      const [scheme, token] = (request.headers.authorization ?? '').split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || token !== accessToken)
        throw new GoogleError(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        );
      if (request.params.project !== projectId)
        throw new GoogleError(
          403,
          'PERMISSION_DENIED',
          `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${request.params.project}'`,
        );
      const body = request.body as { message?: unknown; validate_only?: unknown } | undefined;
      const target = validateMessage(body?.message);
      const entry: SimulatedSend = {
        name: null,
        status: 200,
        target,
        errorCode: null,
        validateOnly: body?.validate_only === true,
        message: body?.message,
        receivedAt: new Date().toISOString(),
      };
      log.push(entry);
      const script = target.token ? scripts.get(target.token) : undefined;
      if (script && script.failuresLeft > 0) {
        script.failuresLeft -= 1;
        const { http, status, message } = statusOf[script.failure];
        entry.status = http;
        entry.errorCode = script.failure;
        if (script.retryAfterSeconds !== undefined && (http === 429 || http === 503))
          reply.header('retry-after', String(script.retryAfterSeconds));
        return reply.code(http).send({
          error: {
            code: http,
            message,
            status,
            details: [
              fcmError(script.failure),
              ...(script.failure === 'QUOTA_EXCEEDED'
                ? [
                    {
                      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
                      violations: [{ subject: 'device' }],
                    },
                  ]
                : []),
            ],
          },
        });
      }
      counter += 1;
      entry.name = `projects/${projectId}/messages/0:${Date.now()}%${counter.toString(16).padStart(8, '0')}`;
      return { name: entry.name };
    },
  );

  app.put<{ Params: { token: string }; Body: TokenScript }>(
    '/__sim/tokens/:token',
    async (request, reply) => {
      script(request.params.token, request.body);
      return reply.code(204).send();
    },
  );
  app.get('/__sim/sends', async () => ({ items: log }));
  app.post('/__sim/reset', async (_request, reply) => {
    reset();
    return reply.code(204).send();
  });

  function script(token: string, tokenScript: TokenScript): void {
    if (!(tokenScript.failure in statusOf)) throw new GoogleError(400, 'INVALID_ARGUMENT', 'unknown failure');
    scripts.set(token, { ...tokenScript, failuresLeft: tokenScript.times ?? Number.POSITIVE_INFINITY });
  }
  function reset(): void {
    scripts.clear();
    log.length = 0;
  }

  const url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return {
    url,
    projectId,
    accessToken,
    script,
    sends: () => [...log],
    delivered: (token) =>
      log.filter((entry) => entry.target.token === token && entry.status === 200 && !entry.validateOnly),
    reset,
    close: () => app.close(),
  };
}
