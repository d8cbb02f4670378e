import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';

/** Sources a page may add to our policy's fetch directives (a payment provider's script and frames). */
export type PolicySources = Partial<Record<'scriptSrc' | 'frameSrc' | 'connectSrc' | 'imgSrc', string[]>>;

/**
 * Helmet's headers with our content security policy (the web apps connect to the WebSocket hub and show
 * map tiles), plus `extra` sources.
 */
function helmetHeaders(extra: PolicySources = {}): Readonly<Record<string, string>> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:', ...(extra.connectSrc ?? [])],
        imgSrc: ["'self'", 'data:', 'https:', ...(extra.imgSrc ?? [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", ...(extra.scriptSrc ?? [])],
        ...(extra.frameSrc ? { frameSrc: ["'self'", ...extra.frameSrc] } : {}),
      },
    },
  })(request, response, () => undefined);
  return Object.fromEntries(
    Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]),
  );
}

/**
 * Computed once: they do not depend on the request, and the answers Fastify gives before any hook runs (a bad
 * URL, an over-long path id, a malformed request) must carry them too.
 */
export const securityHeaders = helmetHeaders();

/** Our content security policy widened by `extra`, for the pages that need it (every other answer keeps ours). */
export const contentSecurityPolicyWith = (extra: PolicySources): string =>
  helmetHeaders(extra)['content-security-policy'] ?? '';
