import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmsDeliveryError } from './sms.ts';
import { buildTwilioRequest, createTwilioSms, type TwilioSettings } from './sms.twilio.ts';

const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
const authToken = 'auth-token-for-tests';
const message = { to: '+919876543210', text: '042517 is your Zefy login code.', code: '042517' };

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in for api.twilio.com on loopback: records requests and answers as scripted. */
let server: Server;
let baseUrl: string;
let received: Received[] = [];
let answer: { status: number; body: unknown; delayMs?: number } = { status: 201, body: {} };

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      setTimeout(() => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
  answer = {
    status: 201,
    body: { sid: `SM${'f'.repeat(32)}`, status: 'queued', to: message.to, account_sid: accountSid },
  };
});

const settings = (overrides: Partial<TwilioSettings> = {}): TwilioSettings => ({
  baseUrl,
  accountSid,
  authToken,
  sender: { from: '+15005550006' },
  ...overrides,
});

describe('buildTwilioRequest', () => {
  it('posts a form to the account’s Messages.json with basic auth', () => {
    const request = buildTwilioRequest(settings({ baseUrl: 'https://api.twilio.com/' }), message);
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request.headers).toEqual({
      authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    });
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: '+919876543210',
      Body: message.text,
      From: '+15005550006',
    });
  });

  it('names a messaging service instead of a sender when configured so', () => {
    const messagingServiceSid = `MG${'1'.repeat(32)}`;
    const request = buildTwilioRequest(settings({ sender: { messagingServiceSid } }), message);
    const form = new URLSearchParams(request.body);
    expect(form.get('MessagingServiceSid')).toBe(messagingServiceSid);
    expect(form.has('From')).toBe(false);
  });
});

describe('Twilio SMS adapter against a local Twilio stand-in', () => {
  it('sends the message the stand-in receives intact', async () => {
    await createTwilioSms(settings()).send(message);
    expect(received).toHaveLength(1);
    const [request] = received as [Received];
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const [user, password] = Buffer.from(
      String(request.headers.authorization).replace('Basic ', ''),
      'base64',
    )
      .toString()
      .split(':');
    expect({ user, password }).toEqual({ user: accountSid, password: authToken });
    expect(new URLSearchParams(request.body).get('Body')).toBe(message.text);
    expect(new URLSearchParams(request.body).get('To')).toBe('+919876543210');
  });

  it('reports Twilio’s error code and message', async () => {
    answer = {
      status: 400,
      body: { code: 21211, message: "The 'To' number +91000 is not a valid phone number.", status: 400 },
    };
    const error = await createTwilioSms(settings())
      .send(message)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect(error).toMatchObject({ status: 400, providerCode: 21211 });
    expect((error as Error).message).toContain('is not a valid phone number');
  });

  it('fails on an answer without a message sid, and on a timeout, without retrying', async () => {
    answer = { status: 201, body: {} };
    await expect(createTwilioSms(settings()).send(message)).rejects.toThrow(/without a message sid/);
    answer = { status: 201, body: { sid: 'SMx' }, delayMs: 500 };
    await expect(createTwilioSms(settings({ timeoutMs: 50 })).send(message)).rejects.toThrow(
      /did not answer/,
    );
    expect(received).toHaveLength(2);
  });
});
