import { describe, expect, it } from 'vitest';
import type { AppError } from '../core/errors.ts';
import { createTokenService } from './tokens.ts';

const tokens = createTokenService('a-test-secret-that-is-long-enough-1234');
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function rejection(token: string): Promise<AppError> {
  try {
    await tokens.verifyAccessToken(token);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('token was accepted');
}

describe('access tokens', () => {
  it('round-trips a principal', async () => {
    const token = await tokens.issueAccessToken({ id: 'u1', role: 'customer' });
    await expect(tokens.verifyAccessToken(token)).resolves.toEqual({ id: 'u1', role: 'customer' });
  });

  it('rejects an expired token', async () => {
    const token = await tokens.issueAccessToken({ id: 'u1', role: 'admin' }, -10);
    const error = await rejection(token);
    expect(error.code).toBe('AUTH.UNAUTHENTICATED');
    expect(error.detail).toBe('Token expired');
  });

  it('rejects a token whose payload was changed', async () => {
    const [header, , signature] = (await tokens.issueAccessToken({ id: 'u1', role: 'customer' })).split('.');
    const forged = `${header}.${base64url({ sub: 'u1', role: 'admin', iss: 'zefy', aud: 'zefy-api', exp: 4_000_000_000 })}.${signature}`;
    expect((await rejection(forged)).code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('rejects alg none', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'u1', role: 'admin', iss: 'zefy', aud: 'zefy-api', exp: 4_000_000_000 })}.`;
    expect((await rejection(unsigned)).code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('rejects a token signed with another secret', async () => {
    const other = await createTokenService('another-secret-that-is-long-enough-5678').issueAccessToken({
      id: 'u1',
      role: 'admin',
    });
    expect((await rejection(other)).code).toBe('AUTH.UNAUTHENTICATED');
  });
});
