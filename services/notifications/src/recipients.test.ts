import { describe, expect, it } from 'vitest';
import { channelOf, recipientOf } from './recipients.ts';

describe('channelOf', () => {
  it('reaches customers on user:<id> and partners on partner:<id>', () => {
    expect(channelOf({ kind: 'customer', id: 'u1' })).toBe('user:u1');
    expect(channelOf({ kind: 'partner', id: 'p1' })).toBe('partner:p1');
  });
});

describe('recipientOf', () => {
  it('gives customers and partners an inbox of their own, and refuses staff', () => {
    expect(recipientOf({ id: 'u1', role: 'customer' })).toEqual({ kind: 'customer', id: 'u1' });
    expect(recipientOf({ id: 'p1', role: 'partner' })).toEqual({ kind: 'partner', id: 'p1' });
    expect(() => recipientOf({ id: 'a1', role: 'admin' })).toThrow(RangeError);
  });
});
