import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PlatformEnv } from './config.ts';

describe('loadConfig', () => {
  it('falls back to embedded defaults when nothing is set', () => {
    const config = loadConfig(PlatformEnv, {});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: '.data',
      NODE_ENV: 'development',
      NAMESPACE: 'zefy',
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and keeps valid URLs', () => {
    const config = loadConfig(PlatformEnv, {
      PORT: '0',
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.PORT).toBe(0);
    expect(config.DATABASE_URL).toBe('postgres://u@127.0.0.1:5432/db');
  });

  it('names a malformed variable in one line', () => {
    expect(() => loadConfig(PlatformEnv, { DATABASE_URL: 'nonsense' })).toThrowError(
      new ConfigError('Invalid configuration: DATABASE_URL must be a postgres:// URL'),
    );
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadConfig(PlatformEnv, {
        PORT: '70000',
        RABBITMQ_URL: 'http://x',
        JWT_SECRET: 'short',
        LOG_LEVEL: 'loud',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    for (const name of ['PORT', 'RABBITMQ_URL', 'JWT_SECRET', 'LOG_LEVEL']) expect(message).toContain(name);
    expect(message).toContain('PORT must be an integer from 0 to 65535');
  });

  it('treats empty strings as absent', () => {
    expect(loadConfig(PlatformEnv, { DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
