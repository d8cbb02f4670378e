/** One text message; `code` is the one-time code inside `text`, for the development inbox only. */
export interface SmsMessage {
  to: string;
  text: string;
  code?: string;
}

/** The SMS gateway port: the development sink or a real provider (Twilio), chosen by configuration. */
export interface SmsSender {
  readonly provider: 'dev' | 'twilio';
  /** Resolves once the provider accepted the message; rejects with SmsDeliveryError otherwise. */
  send(message: SmsMessage): Promise<void>;
}

export class SmsDeliveryError extends Error {
  override name = 'SmsDeliveryError';
  constructor(
    message: string,
    readonly status?: number,
    readonly providerCode?: number | string,
  ) {
    super(message);
  }
}
