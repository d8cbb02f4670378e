import type { DevSms } from '@zefy/contracts';
import type { Clock, Logger } from '@zefy/platform';
import type { SmsMessage, SmsSender } from './sms.ts';

const inboxSize = 1000;

export interface DevSmsSink extends SmsSender {
  /** The last message sent to `phone` by this process, for the development inbox. */
  lastTo(phone: string): DevSms | null;
}

/**
 * Development SMS: the message goes to the server log (where a developer, or a distributed test, reads the
 * code) and to an in-process inbox that the development route shows, when that route exists.
 */
export function createDevSmsSink(logger: Logger, clock: Clock): DevSmsSink {
  const inbox = new Map<string, DevSms>();
  return {
    provider: 'dev',
    async send(message: SmsMessage) {
      const sms = {
        phone: message.to,
        text: message.text,
        code: message.code ?? '',
        sentAt: clock.now().toISOString(),
      };
      inbox.delete(message.to);
      inbox.set(message.to, sms);
      if (inbox.size > inboxSize) inbox.delete(inbox.keys().next().value as string);
      logger.info({ sms: { to: sms.phone, code: sms.code, text: sms.text } }, 'development SMS sent');
    },
    lastTo: (phone) => inbox.get(phone) ?? null,
  };
}
