import pino, { type Logger } from 'pino';
import { executionContext } from './context.ts';

export type { Logger };

export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    level: options.level,
    ...(options.name ? { name: options.name } : {}),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
      censor: '[redacted]',
    },
    mixin() {
      const context = executionContext.current();
      if (!context) return {};
      return {
        correlationId: context.correlationId,
        ...(context.causationId ? { causationId: context.causationId } : {}),
      };
    },
  });
}
