import type { Principal } from '@zefy/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCache } from '../cache/memory-cache.ts';
import type { AppError } from '../core/errors.ts';
import { createSessionRegistry, type SessionRegistry } from './sessions.ts';
import { createTokenService, type TokenService } from './tokens.ts';

const secret = 'a-test-secret-that-is-long-enough-1234';
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const customer: Principal = { id: 'u1', role: 'customer' };

let sessions: SessionRegistry;
let tokens: TokenService;

beforeEach(async () => {
  sessions = createSessionRegistry(createMemoryCache());
  tokens = createTokenService(secret, sessions);
  await sessions.open('s1', customer, 60_000);
});

async function rejection(token: string): Promise<AppError> {
  try {
    await tokens.verifyAccessToken(token);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('token was accepted');
}

describe('access tokens', () => {
  it('round-trips a principal and its session', async () => {
    const token = await tokens.issueAccessToken({ principal: customer, sessionId: 's1' });
    await expect(tokens.verifyAccessToken(token)).resolves.toEqual({ principal: customer, sessionId: 's1' });
  });

  it('rejects an expired token', async () => {
    const token = await tokens.issueAccessToken({ principal: customer, sessionId: 's1' }, -10);
    const error = await rejection(token);
    expect(error.code).toBe('AUTH.UNAUTHENTICATED');
    expect(error.detail).toBe('Token expired');
  });

  it('remembers a checked token only until it expires, and checks its session on every call', async () => {
    let nowMs = Date.parse('2026-11-24T10:00:00.000Z');
    const clocked = createTokenService(secret, sessions, { now: () => nowMs });
    const token = await clocked.issueAccessToken({ principal: customer, sessionId: 's1' }, 60);
    await expect(clocked.verifyAccessToken(token)).resolves.toEqual({ principal: customer, sessionId: 's1' });
    nowMs += 59_000;
    await expect(clocked.verifyAccessToken(token)).resolves.toEqual({ principal: customer, sessionId: 's1' });
    await sessions.revoke('s1');
    await expect(clocked.verifyAccessToken(token)).rejects.toMatchObject({
      detail: 'Session ended; log in again',
    });
    await sessions.open('s1', customer, 60_000);
    nowMs += 1000;
    await expect(clocked.verifyAccessToken(token)).rejects.toMatchObject({ detail: 'Token expired' });
  });

  it('rejects a token whose payload was changed', async () => {
    const [header, , signature] = (
      await tokens.issueAccessToken({ principal: customer, sessionId: 's1' })
    ).split('.');
    const forged = `${header}.${base64url({ sub: 'u1', role: 'admin', sid: 's1', iss: 'zefy', aud: 'zefy-api', exp: 4_000_000_000 })}.${signature}`;
    expect((await rejection(forged)).code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('rejects alg none', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'u1', role: 'customer', sid: 's1', iss: 'zefy', aud: 'zefy-api', exp: 4_000_000_000 })}.`;
    expect((await rejection(unsigned)).code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('rejects a token signed with another secret', async () => {
    const other = await createTokenService(
      'another-secret-that-is-long-enough-5678',
      sessions,
    ).issueAccessToken({ principal: customer, sessionId: 's1' });
    expect((await rejection(other)).code).toBe('AUTH.UNAUTHENTICATED');
  });
});

describe('session check', () => {
  it('rejects a valid token once its session is revoked', async () => {
    const token = await tokens.issueAccessToken({ principal: customer, sessionId: 's1' });
    await sessions.revoke('s1');
    const error = await rejection(token);
    expect(error.code).toBe('AUTH.UNAUTHENTICATED');
    expect(error.detail).toBe('Session ended; log in again');
  });

  it('rejects a token naming a session that was never opened', async () => {
    const token = await tokens.issueAccessToken({ principal: customer, sessionId: 'never-opened' });
    expect((await rejection(token)).detail).toBe('Session ended; log in again');
  });

  it('rejects a token whose session belongs to another principal or role', async () => {
    await sessions.open('s2', { id: 'u2', role: 'customer' }, 60_000);
    const someoneElses = await tokens.issueAccessToken({ principal: customer, sessionId: 's2' });
    expect((await rejection(someoneElses)).code).toBe('AUTH.UNAUTHENTICATED');
    const promoted = await tokens.issueAccessToken({
      principal: { id: 'u1', role: 'admin' },
      sessionId: 's1',
    });
    expect((await rejection(promoted)).code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('rejects a signed token without a session id', async () => {
    const { SignJWT } = await import('jose');
    const legacy = await new SignJWT({ role: 'customer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('zefy')
      .setAudience('zefy-api')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));
    expect((await rejection(legacy)).detail).toBe('Token has no subject, role or session');
  });

  it('tells subscribers which session was revoked', async () => {
    const revoked: string[] = [];
    await sessions.onRevoked((sessionId) => revoked.push(sessionId));
    await sessions.revoke('s1');
    await expect.poll(() => revoked).toEqual(['s1']);
  });
});
