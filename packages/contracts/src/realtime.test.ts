import { describe, expect, it } from 'vitest';
import { bookingOfChannel, canSubscribe, channels } from './realtime.ts';

describe('canSubscribe', () => {
  it('lets a customer follow only their own channel', () => {
    expect(canSubscribe('user:u1', { id: 'u1', role: 'customer' })).toBe(true);
    expect(canSubscribe('user:u2', { id: 'u1', role: 'customer' })).toBe(false);
    expect(canSubscribe('partner:u1', { id: 'u1', role: 'customer' })).toBe(false);
  });

  it('keeps the admin channel for admin and ops', () => {
    expect(canSubscribe('admin', { id: 'a', role: 'admin' })).toBe(true);
    expect(canSubscribe('admin', { id: 'o', role: 'ops' })).toBe(true);
    expect(canSubscribe('admin', { id: 'p', role: 'partner' })).toBe(false);
  });

  it('keeps a hub’s live tracking for admin and ops', () => {
    expect(canSubscribe(channels.hub('h1'), { id: 'a', role: 'admin' })).toBe(true);
    expect(canSubscribe(channels.hub('h1'), { id: 'o', role: 'ops' })).toBe(true);
    expect(canSubscribe(channels.hub('h1'), { id: 'c', role: 'customer' })).toBe(false);
    expect(canSubscribe(channels.hub('h1'), { id: 'p', role: 'partner' })).toBe(false);
  });

  it('refuses unknown channels', () => {
    expect(canSubscribe('everything', { id: 'a', role: 'admin' })).toBe(false);
  });
});

describe('booking channels', () => {
  it('names the booking, and is never open by role alone', () => {
    expect(bookingOfChannel(channels.booking('b1'))).toBe('b1');
    expect(bookingOfChannel('booking:')).toBeNull();
    expect(bookingOfChannel(channels.user('b1'))).toBeNull();
    expect(canSubscribe(channels.booking('b1'), { id: 'a', role: 'admin' })).toBe(false);
  });
});
