import { describe, expect, it } from 'vitest';
import {
  checkoutSignature,
  hmacSha256Hex,
  isCheckoutSignatureValid,
  isWebhookSignatureValid,
  signaturesMatch,
  webhookSignature,
} from './signature.ts';

// Vectors from razorpay-node test/utils/razorpay-utils.spec.js, re-computed independently (specs/razorpay.md §1.3, §1.4).
const keySecret = 'EnLs21M47BllR3X8PSFtjtbd';

describe('Razorpay signatures (golden vectors)', () => {
  it('signs a checkout payment as HMAC(key_secret, order_id|payment_id)', () => {
    expect(checkoutSignature(keySecret, 'order_IEIaMR65cu6nz3', 'pay_IH4NVgf4Dreq1l')).toBe(
      '0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f',
    );
  });

  it('computes the subscription vector over payment_id|subscription_id', () => {
    expect(hmacSha256Hex(keySecret, 'pay_IDZNwZZFtnjyym|sub_ID6MOhgkcoHj9I')).toBe(
      '601f383334975c714c91a7d97dd723eb56520318355863dcf3821c0d07a17693',
    );
  });

  it('signs a webhook over the raw body with the webhook secret', () => {
    expect(webhookSignature('123456', '{"a":1,"b":2,"c":{"d":3}}')).toBe(
      '2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc',
    );
    expect(webhookSignature('123456', Buffer.from('{"a":1,"b":2,"c":{"d":3}}'))).toBe(
      '2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc',
    );
  });
});

describe('signature verification', () => {
  const signature = '0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f';

  it('accepts the checkout signature of the order from our records only', () => {
    const input = { keySecret, orderId: 'order_IEIaMR65cu6nz3', paymentId: 'pay_IH4NVgf4Dreq1l', signature };
    expect(isCheckoutSignatureValid(input)).toBe(true);
    expect(isCheckoutSignatureValid({ ...input, orderId: 'order_IEIaMR65cu6nz4' })).toBe(false);
    expect(isCheckoutSignatureValid({ ...input, keySecret: 'another-secret' })).toBe(false);
    expect(isCheckoutSignatureValid({ ...input, signature: signature.toUpperCase() })).toBe(false);
    expect(isCheckoutSignatureValid({ ...input, signature: signature.slice(0, 63) })).toBe(false);
    expect(isCheckoutSignatureValid({ ...input, signature: '' })).toBe(false);
  });

  it('rejects a webhook whose body changed by one byte', () => {
    const body = '{"a":1,"b":2,"c":{"d":3}}';
    const valid = webhookSignature('123456', body);
    expect(isWebhookSignatureValid(body, valid, ['123456'])).toBe(true);
    expect(isWebhookSignatureValid(body.replace('1', '2'), valid, ['123456'])).toBe(false);
    expect(isWebhookSignatureValid(`${body} `, valid, ['123456'])).toBe(false);
  });

  it('accepts the previous webhook secret during a rotation', () => {
    const body = '{"event":"payment.captured"}';
    const oldSignature = webhookSignature('old-secret', body);
    expect(isWebhookSignatureValid(body, oldSignature, ['new-secret'])).toBe(false);
    expect(isWebhookSignatureValid(body, oldSignature, ['new-secret', 'old-secret'])).toBe(true);
  });

  it('compares strings of different lengths without throwing', () => {
    expect(signaturesMatch('abc', 'abcd')).toBe(false);
    expect(signaturesMatch('é', 'e')).toBe(false);
  });
});
