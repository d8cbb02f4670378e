import { describe, expect, it } from 'vitest';
import { runsDemoCrew } from './config.ts';

describe('the demo crew', () => {
  it('runs only for an embedded platform outside production, unless switched off', () => {
    expect(runsDemoCrew({ DEMO_CREW: 'on', NODE_ENV: 'development' }, 'embedded')).toBe(true);
    expect(runsDemoCrew({ DEMO_CREW: 'off', NODE_ENV: 'development' }, 'embedded')).toBe(false);
    expect(runsDemoCrew({ DEMO_CREW: 'on', NODE_ENV: 'production' }, 'embedded')).toBe(false);
    expect(runsDemoCrew({ DEMO_CREW: 'on', NODE_ENV: 'development' }, 'distributed')).toBe(false);
  });
});
