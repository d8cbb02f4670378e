import type { Logger } from '@zefy/platform';
import { maskPhone } from '../phone/phone.ts';
import type { SmsMessage, SmsSender } from './sms.ts';

/**
 * Sends without making the caller wait: a login-code request answers in the same time whether or not a
 * message goes out (and whatever the provider's latency), so the answer does not tell whether a partner
 * account exists. Failures are logged; the user asks for a new code.
 */
export function createSmsOutbound(sender: SmsSender, logger: Logger) {
  const inFlight = new Set<Promise<void>>();
  return {
    dispatch(message: SmsMessage): void {
      const sending = sender
        .send(message)
        .catch((error: unknown) =>
          logger.error({ err: error, to: maskPhone(message.to), provider: sender.provider }, 'SMS not sent'),
        )
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    /** Resolves when every message dispatched so far has been handed over (or failed). */
    async idle(): Promise<void> {
      await Promise.all([...inFlight]);
    },
  };
}
export type SmsOutbound = ReturnType<typeof createSmsOutbound>;
