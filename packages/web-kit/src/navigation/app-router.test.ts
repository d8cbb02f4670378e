import { describe, expect, it } from 'vitest';
import { appBasename } from './app-router.tsx';

describe('appBasename', () => {
  it("keeps the base path's trailing slash, so the app's start is inside its service worker's scope", () => {
    expect(appBasename('/partner/')).toBe('/partner/');
    expect(appBasename('/admin')).toBe('/admin/');
    expect(appBasename('/')).toBe('/');
  });
});
