import type { FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import { executionContext } from './context.ts';

export type { Logger };
export type LogDestination = pino.DestinationStream;

const redacted = '[redacted]';

/** Field names whose values are credentials, wherever a log line carries them (up to three levels down). */
const secretFields = [
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'otp',
  'secret',
  'keySecret',
  'webhookSecret',
  'signature',
  'razorpay_signature',
  'JWT_SECRET',
  'ADMIN_PASSWORD',
  'RAZORPAY_KEY_SECRET',
  'RAZORPAY_WEBHOOK_SECRET',
  'RAZORPAY_WEBHOOK_SECRET_PREVIOUS',
  'TWILIO_AUTH_TOKEN',
  'FCM_ACCESS_TOKEN',
];
const secretHeaders = ['authorization', 'cookie', 'sec-websocket-protocol', 'x-razorpay-signature'];

/** Query parameters that carry credentials in URLs some clients still send (`/ws?token=…`, `?code=…`). */
const secretQueryParameter =
  /^(token|access_token|refresh_token|code|otp|password|secret|signature|key_secret)$/i;

/** The request URL as logged: credentials in its query string are replaced, the rest stays readable. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=')[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is logged as sent; it cannot match a credential's name anyway
      }
      return secretQueryParameter.test(decoded) ? `${name}=${redacted}` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart)}?${query}`;
}

/** Fastify's request serializer, with the query string's credentials redacted. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

const requestIdKey = Symbol('requestId');
type RequestLogger = Logger & { [requestIdKey]?: string };

/**
 * A request's logger: its lines carry `reqId` as a binding would, written by the mixin. pino runs a child's
 * bindings through every wildcard redaction path, about 50 µs a request for one id.
 */
export function requestLogger(logger: Logger, requestId: string, options: pino.ChildLoggerOptions): Logger {
  const child: RequestLogger = logger.child({}, options);
  child[requestIdKey] = requestId;
  return child;
}

export function createLogger(
  options: { level: string; name?: string },
  destination?: LogDestination,
): Logger {
  return pino(
    {
      level: options.level,
      ...(options.name ? { name: options.name } : {}),
      serializers: { req: serializeRequest },
      redact: {
        paths: [
          ...secretHeaders.flatMap((header) =>
            ['req.headers', '*.headers', '*.*.headers', '*.*.*.headers'].map((at) => `${at}["${header}"]`),
          ),
          ...secretFields.flatMap((field) => ['', '*.', '*.*.', '*.*.*.'].map((at) => `${at}${field}`)),
        ],
        censor: redacted,
      },
      mixin(_line, _level, logger) {
        const requestId = (logger as RequestLogger)[requestIdKey];
        const context = executionContext.current();
        return {
          ...(requestId ? { reqId: requestId } : {}),
          ...(context ? { correlationId: context.correlationId } : {}),
          ...(context?.causationId ? { causationId: context.causationId } : {}),
        };
      },
    },
    destination,
  );
}
