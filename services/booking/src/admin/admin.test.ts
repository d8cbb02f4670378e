import { describe, expect, it } from 'vitest';
import { classifySearch, decodeCursor, encodeCursor } from './admin.ts';

describe('admin list cursor', () => {
  it('round-trips a position and refuses anything else', () => {
    const position = { createdAt: '2026-03-02T02:30:00.123Z', id: '0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(btoa('yesterday|0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'))).toBeNull();
    expect(decodeCursor(btoa('2026-03-02T02:30:00Z|x|y'))).toBeNull();
  });
});

describe('admin search', () => {
  it('recognises booking ids and phone numbers in any format', () => {
    expect(classifySearch(' 0195A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B ')).toEqual({
      kind: 'booking',
      bookingId: '0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    });
    expect(classifySearch('+91 98123-45678')).toEqual({ kind: 'phone', digits: '919812345678' });
    expect(classifySearch('5678')).toEqual({ kind: 'phone', digits: '5678' });
    expect(classifySearch('567')).toEqual({ kind: 'invalid' });
    expect(classifySearch('asha')).toEqual({ kind: 'invalid' });
  });
});
