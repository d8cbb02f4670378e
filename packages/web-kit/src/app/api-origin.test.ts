import { describe, expect, it } from 'vitest';
import { websocketUrl } from './api-origin.ts';

describe('websocketUrl', () => {
  const page = { protocol: 'https:', host: 'admin.zefy.test' };

  it("uses the page's own origin when the app has no API origin", () => {
    expect(websocketUrl('', page)).toBe('wss://admin.zefy.test/ws');
    expect(websocketUrl('', { protocol: 'http:', host: '127.0.0.1:3000' })).toBe('ws://127.0.0.1:3000/ws');
  });

  it('points at the gateway on another origin, with ws: or wss: to match its scheme', () => {
    expect(websocketUrl('https://api.zefy.test', page)).toBe('wss://api.zefy.test/ws');
    expect(websocketUrl('http://127.0.0.1:4000', page)).toBe('ws://127.0.0.1:4000/ws');
  });
});
