import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DevSms } from '@zefy/contracts';
import type { Clock, Logger } from '@zefy/platform';
import { maskPhone } from '../phone/phone.ts';
import type { SmsMessage, SmsSender } from './sms.ts';

const inboxSize = 1000;

export interface DevSmsSink extends SmsSender {
  /** The last message sent to `phone` by this process, for the development inbox. */
  lastTo(phone: string): DevSms | null;
}

/**
 * Development SMS: the message is appended, one JSON line each, to `outboxFile` (where a developer, or a
 * distributed test, reads the code; never the log, which must not hold login codes) and kept in an
 * in-process inbox that the development route shows, when that route exists.
 */
export function createDevSmsSink(outboxFile: string, logger: Logger, clock: Clock): DevSmsSink {
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
      await mkdir(path.dirname(outboxFile), { recursive: true });
      await appendFile(outboxFile, `${JSON.stringify(sms)}\n`, { mode: 0o600 });
      logger.info({ to: maskPhone(sms.phone), file: outboxFile }, 'development SMS written');
    },
    lastTo: (phone) => inbox.get(phone) ?? null,
  };
}
