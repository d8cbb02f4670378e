import { SmsDeliveryError, type SmsMessage, type SmsSender } from './sms.ts';

export interface TwilioSettings {
  /** https://api.twilio.com, or a stand-in speaking the same API. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  sender: { from: string } | { messagingServiceSid: string };
  timeoutMs?: number;
}

export interface HttpRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Twilio Programmable Messaging, "Create a Message": `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`
 * with HTTP Basic auth (account SID : auth token) and a form-encoded body of `To`, `Body` and either `From`
 * or `MessagingServiceSid`; answered with 201 and the message resource as JSON.
 */
export function buildTwilioRequest(settings: TwilioSettings, message: SmsMessage): HttpRequest {
  const form = new URLSearchParams({ To: message.to, Body: message.text });
  if ('from' in settings.sender) form.set('From', settings.sender.from);
  else form.set('MessagingServiceSid', settings.sender.messagingServiceSid);
  const credentials = Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64');
  return {
    method: 'POST',
    url: `${settings.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`,
    headers: {
      authorization: `Basic ${credentials}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: form.toString(),
  };
}

/** Twilio's error body: `{ code, message, more_info, status }`. */
async function readError(response: Response): Promise<SmsDeliveryError> {
  const body = (await response.json().catch(() => null)) as { code?: number; message?: string } | null;
  return new SmsDeliveryError(
    `Twilio answered ${response.status}${body?.message ? `: ${body.message}` : ''}`,
    response.status,
    body?.code,
  );
}

/**
 * Sends through Twilio. No automatic retry: the Messages API has no idempotency key, so a retry after a
 * timeout could text the code twice; the user asks for a new code instead.
 */
export function createTwilioSms(settings: TwilioSettings, fetchImpl: typeof fetch = fetch): SmsSender {
  return {
    provider: 'twilio',
    async send(message) {
      const request = buildTwilioRequest(settings, message);
      let response: Response;
      try {
        response = await fetchImpl(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new SmsDeliveryError(`Twilio did not answer: ${(error as Error).message}`);
      }
      if (!response.ok) throw await readError(response);
      const created = (await response.json().catch(() => null)) as { sid?: string; status?: string } | null;
      if (!created?.sid) throw new SmsDeliveryError('Twilio answered without a message sid', response.status);
    },
  };
}
