import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthTokens } from '@zefy/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import { loginByOtp, randomPhone } from '../support/identity.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const accountSid = `AC${'a1'.repeat(16)}`;

/** A Twilio stand-in on loopback: accepts messages like api.twilio.com and keeps them. */
let twilio: Server;
const texts: Array<{ path: string; form: URLSearchParams }> = [];
let zefy: TestPlatform;

beforeAll(async () => {
  twilio = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      texts.push({ path: request.url ?? '', form: new URLSearchParams(body) });
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ sid: `SM${texts.length}`, status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => twilio.listen(0, '127.0.0.1', resolve));
  zefy = await startPlatform({
    serveWebApps: false,
    env: {
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: 'stand-in-auth-token',
      TWILIO_FROM: '+15005550006',
      TWILIO_BASE_URL: `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`,
      RATE_LIMIT_PER_MINUTE: '100000',
    },
  });
});
afterAll(async () => {
  await zefy?.stop();
  twilio?.closeAllConnections();
  await new Promise((resolve) => twilio?.close(resolve));
});

/** The code in the last text Twilio was asked to send to `phone`. */
async function codeFromTwilio(phone: string): Promise<string> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const text = texts.findLast((sent) => sent.form.get('To') === phone);
    const code = text?.form.get('Body')?.match(/^(\d{6}) is your Zefy login code/)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no text to ${phone}`);
}

describe('with Twilio configured', () => {
  it('texts the code through the Twilio API and accepts it', async () => {
    const phone = randomPhone();
    const login: AuthTokens = await loginByOtp(zefy.baseUrl, phone, 'customer', codeFromTwilio);
    expect(login.principal.role).toBe('customer');
    const text = texts.find((sent) => sent.form.get('To') === phone);
    expect(text?.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(text?.form.get('From')).toBe('+15005550006');
  });

  it('has no development inbox', async () => {
    const response = await fetch(`${zefy.baseUrl}/api/v1/dev/sms?phone=${encodeURIComponent(randomPhone())}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'REQUEST.NOT_FOUND' });
  });

  it('limits sends per client address, whatever the phone', async () => {
    const api = apiAt(zefy.baseUrl);
    const statuses: number[] = [];
    // one send was made by the first test; the limit is 20 per 15 minutes
    for (let i = 0; i < 20; i++) {
      const response = await api('/api/v1/auth/otp', {
        method: 'POST',
        json: { phone: randomPhone(), audience: 'customer' },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(202));
    expect(statuses[19]).toBe(429);
  });
});

describe('in production', () => {
  it('serves no development inbox, even with the development sink', async () => {
    // notifications and payments refuse to start in production without FCM and Razorpay; not what this is about
    const production = await startPlatform({
      serveWebApps: false,
      env: {
        NODE_ENV: 'production',
        NOTIFICATIONS_URLS: 'http://127.0.0.1:9',
        PAYMENTS_URLS: 'http://127.0.0.1:9',
      },
    });
    try {
      const api = apiAt(production.baseUrl);
      const phone = randomPhone();
      expect(
        (await api('/api/v1/auth/otp', { method: 'POST', json: { phone, audience: 'customer' } })).status,
      ).toBe(202);
      expect((await api(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`)).status).toBe(404);
      const doc = (await (await api('/docs/json')).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).not.toContain('/api/v1/dev/sms');
    } finally {
      await production.stop();
    }
  });
});
