import type { ServiceContext } from '@zefy/platform';
import { type IdentityConfig, identityConfig } from './config.ts';
import { createOtpStore, type OtpStore } from './otp/otp.store.ts';
import { createSessionStore, type SessionStore } from './sessions/sessions.store.ts';
import { createDevSmsSink, type DevSmsSink } from './sms/sms.dev-sink.ts';
import { createSmsOutbound, type SmsOutbound } from './sms/sms.outbound.ts';
import { createTwilioSms } from './sms/sms.twilio.ts';

/** What identity's routes share in one process: its settings, stores and the SMS gateway. */
export interface IdentityRuntime {
  context: ServiceContext;
  config: IdentityConfig;
  otp: OtpStore;
  sessions: SessionStore;
  sms: SmsOutbound;
  /** Set when the development sink sends the SMS. */
  devInbox: DevSmsSink | null;
  otpKey: Buffer;
}

export function createIdentityRuntime(context: ServiceContext): IdentityRuntime {
  const config = identityConfig(context.config);
  const devInbox = config.sms.provider === 'dev' ? createDevSmsSink(context.logger, context.clock) : null;
  const sender = config.sms.provider === 'twilio' ? createTwilioSms(config.sms) : devInbox;
  if (!sender) throw new Error('no SMS sender configured');
  if (!devInbox) context.logger.info({ provider: sender.provider }, 'SMS gateway configured');
  else if (config.nodeEnv === 'production')
    context.logger.warn('NODE_ENV=production without an SMS gateway: login codes go to this log only');
  return {
    context,
    config,
    otp: createOtpStore(context.cache),
    sessions: createSessionStore(context),
    sms: createSmsOutbound(sender, context.logger),
    devInbox,
    otpKey: context.deriveKey('identity.otp'),
  };
}
