import { devSmsRoute } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { requirePhone } from '../phone/phone.input.ts';
import type { IdentityRuntime } from '../runtime.ts';

/**
 * The development inbox route exists only with the development sink, outside production, and when identity
 * runs inside the gateway (one process, so the inbox is the one the codes went to). A real SMS gateway, a
 * production start or a separately running identity leaves the route out altogether (404).
 */
export function registerDevSmsRoute(app: FastifyInstance, runtime: IdentityRuntime): boolean {
  const { devInbox, sms, context, config } = runtime;
  if (!devInbox || config.nodeEnv === 'production' || !context.isEmbedded) return false;
  implementRoute(app, context.db, devSmsRoute, async ({ query }) => {
    const phone = requirePhone(query.phone);
    await sms.idle();
    const last = devInbox.lastTo(phone);
    if (!last)
      throw new AppError('IDENTITY.DEV_SMS_NOT_FOUND', `Nothing was sent to ${phone} by this process`);
    return last;
  });
  context.logger.warn('development SMS inbox at GET /api/v1/dev/sms (development sink, not production)');
  return true;
}
