import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lowercase hex HMAC-SHA256, as Razorpay computes every signature it issues or expects. */
export const hmacSha256Hex = (secret: string, message: string | Buffer): string =>
  createHmac('sha256', secret).update(message).digest('hex');

/** The `razorpay_signature` Checkout returns: HMAC(key_secret, order_id + "|" + payment_id). */
export const checkoutSignature = (keySecret: string, orderId: string, paymentId: string): string =>
  hmacSha256Hex(keySecret, `${orderId}|${paymentId}`);

/** `X-Razorpay-Signature`: HMAC(webhook_secret, raw request body), over the bytes as sent. */
export const webhookSignature = (webhookSecret: string, rawBody: string | Buffer): string =>
  hmacSha256Hex(webhookSecret, rawBody);

/**
 * Constant-time comparison (the official SDK uses `===`). Only the length can leak, and a signature's
 * length is public anyway.
 */
export function signaturesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const isCheckoutSignatureValid = (input: {
  keySecret: string;
  orderId: string;
  paymentId: string;
  signature: string;
}): boolean =>
  signaturesMatch(checkoutSignature(input.keySecret, input.orderId, input.paymentId), input.signature);

/**
 * True when any of `secrets` signed the body: during a rotation Razorpay keeps retrying older events with
 * the previous secret, so both are accepted until the rotation ends.
 */
export const isWebhookSignatureValid = (
  rawBody: string | Buffer,
  signature: string,
  secrets: readonly string[],
): boolean => secrets.some((secret) => signaturesMatch(webhookSignature(secret, rawBody), signature));
