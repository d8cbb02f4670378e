import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AuthTokens } from '@zefy/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiAt } from '../support/api.ts';
import { devCode, randomPhone, requestCode, verifyCode } from '../support/identity.ts';
import { type PaymentsDriver, paymentsDriver, until } from '../support/payments.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

/**
 * The whole platform logging at debug level, driven through every path that handles a credential: phone
 * login (codes), staff password login, refresh, a WebSocket connection, checkout and its webhooks
 * (signatures). Then the captured log must not hold a single one of the values used.
 */
const admin = { email: 'log-check@zefy.test', password: `pw-${randomUUID()}` };
let zefy: TestPlatform;
let pay: PaymentsDriver;
let log = '';

beforeAll(async () => {
  zefy = await startPlatform({
    serveWebApps: false,
    env: {
      LOG_LEVEL: 'debug',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      RATE_LIMIT_PER_MINUTE: '100000',
      BOOKING_URLS: 'http://127.0.0.1:9',
    },
    logDestination: new Writable({
      write(chunk, _encoding, done) {
        log += chunk.toString();
        done();
      },
    }),
  });
  pay = paymentsDriver(zefy);
});
afterAll(async () => {
  await pay?.close();
  await zefy?.stop();
});

describe('the log of a whole-platform run', () => {
  it('holds no token, code, password, secret or signature the run used', async () => {
    const api = apiAt(zefy.baseUrl);
    const secrets: Record<string, string> = {};
    const remember = (name: string, value: string | undefined) => {
      if (!value) throw new Error(`no ${name}`);
      secrets[name] = value;
    };

    const phone = randomPhone();
    const challenge = await requestCode(zefy.baseUrl, phone, 'customer');
    remember('otp code', await devCode(zefy.baseUrl, phone));
    const wrongCode = String((Number(secrets['otp code']) + 1) % 1_000_000).padStart(6, '0');
    remember('wrong otp code', wrongCode);
    expect(
      (
        await verifyCode(zefy.baseUrl, {
          phone,
          audience: 'customer',
          challengeId: challenge.challengeId,
          code: wrongCode,
        })
      ).status,
    ).toBe(401);
    const customer = (await (
      await verifyCode(zefy.baseUrl, {
        phone,
        audience: 'customer',
        challengeId: challenge.challengeId,
        code: secrets['otp code'] as string,
      })
    ).json()) as AuthTokens;
    remember('customer access token', customer.accessToken);
    remember('customer refresh token', customer.refreshToken);

    remember('staff password', admin.password);
    remember('wrong staff password', `wrong-${randomUUID()}`);
    expect(
      (
        await api('/api/v1/auth/password', {
          method: 'POST',
          json: { email: admin.email, password: secrets['wrong staff password'] },
        })
      ).status,
    ).toBe(401);
    const staff = (await (
      await api('/api/v1/auth/password', { method: 'POST', json: admin })
    ).json()) as AuthTokens;
    remember('staff access token', staff.accessToken);
    remember('staff refresh token', staff.refreshToken);
    const refreshed = (await (
      await api('/api/v1/auth/refresh', { method: 'POST', json: { refreshToken: staff.refreshToken } })
    ).json()) as AuthTokens;
    remember('refreshed access token', refreshed.accessToken);
    remember('refreshed refresh token', refreshed.refreshToken);

    const socket = await connectWebSocket(zefy.baseUrl, customer.accessToken);
    await socket.subscribe(`user:${customer.principal.id}`);
    socket.close();
    // an old client's token in the URL is refused, and its URL is logged without the token
    const legacy = new WebSocket(`${zefy.baseUrl.replace(/^http/, 'ws')}/ws?token=${staff.accessToken}`);
    await new Promise((resolve) => legacy.once('unexpected-response', resolve));

    const order = await pay.openOrder({ id: customer.principal.id, token: customer.accessToken });
    const paid = await pay.payOnCheckoutPage(order, 'success');
    remember('checkout signature', paid.params.razorpay_signature);
    expect((await pay.verify(customer.accessToken, order, paid.params)).status).toBe(200);
    const paymentId = paid.params.razorpay_payment_id as string;
    await until(() => pay.webhookEvents(paymentId).some((event) => event.state === 'delivered'));
    pay.webhookEvents(paymentId).forEach((event, index) => {
      remember(`webhook signature ${index}`, event.signature);
    });

    const simulatorKeys = zefy.platform.razorpaySim?.env;
    remember('razorpay key secret', simulatorKeys?.RAZORPAY_KEY_SECRET);
    remember('razorpay webhook secret', simulatorKeys?.RAZORPAY_WEBHOOK_SECRET);
    // payments calls Razorpay with HTTP Basic: the encoded key pair is as secret as the key itself
    remember(
      'razorpay basic credential',
      Buffer.from(`${simulatorKeys?.RAZORPAY_KEY_ID}:${simulatorKeys?.RAZORPAY_KEY_SECRET}`).toString(
        'base64',
      ),
    );
    remember('jwt secret', String(zefy.platform.infra.config.JWT_SECRET));

    expect(log).toContain('"level":20');
    expect(log).toContain('/ws?token=[redacted]');
    const leaked = Object.entries(secrets).filter(([, value]) => log.includes(value));
    expect(leaked.map(([name]) => name)).toEqual([]);
  });
});
