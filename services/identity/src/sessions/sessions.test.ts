import { ManualClock } from '@zefy/platform';
import { describe, expect, it } from 'vitest';
import { judgeRefresh, parseRefreshToken, type RefreshState, rotate, sessionPolicy } from './sessions.ts';

const sessionId = '01950000-0000-7000-8000-000000000001';
const secret = 'a'.repeat(43);

const started = (clock: ManualClock): RefreshState => ({
  accountId: 'c1',
  role: 'customer',
  currentHash: 'h1',
  expiresAt: new Date(clock.now().getTime() + sessionPolicy.lifetimeMs.customer).toISOString(),
});

describe('parseRefreshToken', () => {
  it('reads the session id and the secret', () => {
    expect(parseRefreshToken(`${sessionId}.${secret}`)).toEqual({ sessionId, secret });
  });

  it('refuses anything else', () => {
    for (const token of [
      '',
      sessionId,
      `${sessionId}.short`,
      `not-a-uuid.${secret}`,
      `${sessionId}.${secret}.x`,
    ])
      expect(parseRefreshToken(token)).toBeNull();
  });
});

describe('refresh token rotation', () => {
  it('given the current token used for the first time, then it rotates to the next one only', () => {
    const clock = new ManualClock();
    const state = started(clock);
    expect(judgeRefresh(state, { hash: 'h1', isFirstUse: true }, clock.now())).toEqual({ kind: 'rotate' });
    const next = rotate(state, 'h2');
    expect(next).toEqual({ ...state, currentHash: 'h2' });
    expect(judgeRefresh(next, { hash: 'h2', isFirstUse: true }, clock.now())).toEqual({ kind: 'rotate' });
  });

  it('given a token that was already rotated, when it is presented again, then the family is revoked', () => {
    const clock = new ManualClock();
    const next = rotate(started(clock), 'h2');
    expect(judgeRefresh(next, { hash: 'h1', isFirstUse: false }, clock.now())).toEqual({ kind: 'reused' });
  });

  it('given two requests racing with the current token, then the second one counts as reuse', () => {
    const clock = new ManualClock();
    const state = started(clock);
    expect(judgeRefresh(state, { hash: 'h1', isFirstUse: true }, clock.now()).kind).toBe('rotate');
    expect(judgeRefresh(state, { hash: 'h1', isFirstUse: false }, clock.now()).kind).toBe('reused');
  });

  it('given a token never issued for the session, then it is refused without revoking', () => {
    const clock = new ManualClock();
    expect(judgeRefresh(started(clock), { hash: 'forged', isFirstUse: true }, clock.now())).toEqual({
      kind: 'invalid',
      reason: 'unknown_token',
    });
  });

  it('given the session ended or outlived its lifetime, then nothing rotates', () => {
    const clock = new ManualClock();
    const state = started(clock);
    expect(judgeRefresh(null, { hash: 'h1', isFirstUse: true }, clock.now())).toEqual({
      kind: 'invalid',
      reason: 'ended',
    });
    clock.advance(sessionPolicy.lifetimeMs.customer);
    expect(judgeRefresh(state, { hash: 'h1', isFirstUse: true }, clock.now())).toEqual({
      kind: 'invalid',
      reason: 'expired',
    });
  });
});
