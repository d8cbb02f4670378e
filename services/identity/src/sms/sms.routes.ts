import { devSmsRoute } from '@zefy/contracts';
import { AppError, type Database, implementRoute, type Logger } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { IdentityConfig } from '../config.ts';
import { requirePhone } from '../phone/phone.input.ts';
import type { DevSmsSink } from './sms.dev-sink.ts';
import type { SmsOutbound } from './sms.outbound.ts';

/** What the SMS module uses; src/deps.ts builds the gateway from this module, so the module names its needs. */
export interface DevSmsDeps {
  db: Database;
  logger: Logger;
  config: IdentityConfig;
  /** True inside the gateway's process. */
  isEmbedded: boolean;
  sms: SmsOutbound;
  /** Set when the development sink sends the SMS. */
  devInbox: DevSmsSink | null;
}

/**
 * The development inbox route exists only with the development sink, outside production, and when identity
 * runs inside the gateway (one process, so the inbox is the one the codes went to). A real SMS gateway, a
 * production start or a separately running identity leaves the route out altogether (404).
 */
export function registerDevSmsRoute(app: FastifyInstance, deps: DevSmsDeps): boolean {
  const { devInbox, sms, db, config, logger } = deps;
  if (!devInbox || config.nodeEnv === 'production' || !deps.isEmbedded) return false;
  implementRoute(app, db, devSmsRoute, async ({ query }) => {
    const phone = requirePhone(query.phone);
    await sms.idle();
    const last = devInbox.lastTo(phone);
    if (!last)
      throw new AppError('IDENTITY.DEV_SMS_NOT_FOUND', `Nothing was sent to ${phone} by this process`);
    return last;
  });
  logger.warn('development SMS inbox at GET /api/v1/dev/sms (development sink, not production)');
  return true;
}
