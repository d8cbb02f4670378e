import type { Cache, Clock, ServiceContext } from '@zefy/platform';
import { identityConfig } from './config.ts';
import { createOtpStore, type OtpStore } from './otp/otp.store.ts';
import { createSessionStore, type SessionStore } from './sessions/sessions.store.ts';
import { createDevSmsSink } from './sms/sms.dev-sink.ts';
import { createSmsOutbound } from './sms/sms.outbound.ts';
import type { DevSmsDeps } from './sms/sms.routes.ts';
import { createTwilioSms } from './sms/sms.twilio.ts';
import { ensureStaffAccount } from './staff/staff.bootstrap.ts';

/** What identity's routes share in one running instance: its settings, stores and the SMS gateway. */
export interface IdentityDeps extends DevSmsDeps {
  cache: Cache;
  clock: Clock;
  otp: OtpStore;
  sessions: SessionStore;
  otpKey: Buffer;
}

/** Also creates the first admin from ADMIN_EMAIL + ADMIN_PASSWORD when there is none with that email. */
export async function wireIdentity(context: ServiceContext): Promise<IdentityDeps> {
  const config = identityConfig(context.config);
  if (config.admin)
    await ensureStaffAccount(context.db, context.clock, { ...config.admin, role: 'admin' }, context.logger);
  const devInbox =
    config.sms.provider === 'dev'
      ? createDevSmsSink(config.sms.outboxFile, context.logger, context.clock)
      : null;
  const sender = config.sms.provider === 'twilio' ? createTwilioSms(config.sms) : devInbox;
  if (!sender) throw new Error('no SMS sender configured');
  if (!devInbox) context.logger.info({ provider: sender.provider }, 'SMS gateway configured');
  else if (config.nodeEnv === 'production')
    context.logger.warn(
      { file: config.sms.provider === 'dev' ? config.sms.outboxFile : undefined },
      'NODE_ENV=production without an SMS gateway: login codes go to this file only',
    );
  return {
    db: context.db,
    cache: context.cache,
    clock: context.clock,
    logger: context.logger,
    isEmbedded: context.isEmbedded,
    config,
    otp: createOtpStore(context.cache),
    sessions: createSessionStore(context),
    sms: createSmsOutbound(sender, context.logger),
    devInbox,
    otpKey: context.deriveKey('identity.otp'),
  };
}
