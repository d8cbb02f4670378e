import { ConfigError, loadConfig } from '@zefy/platform';
import { type Static, Type } from 'typebox';

const httpUrl = (description: string) => Type.String({ pattern: '^https?://[^\\s]+$', description });

/** The payments service's own variables; the gateway and the standalone runner validate them at start-up. */
const paymentsEnv = {
  RAZORPAY_BASE_URL: Type.Optional(httpUrl('an http(s):// URL such as https://api.razorpay.com')),
  RAZORPAY_KEY_ID: Type.Optional(
    Type.String({ minLength: 1, description: 'a key id (rzp_live_… / rzp_test_…)' }),
  ),
  RAZORPAY_KEY_SECRET: Type.Optional(Type.String({ minLength: 8, description: 'at least 8 characters' })),
  RAZORPAY_WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 8, description: 'at least 8 characters' })),
  RAZORPAY_WEBHOOK_SECRET_PREVIOUS: Type.Optional(
    Type.String({ minLength: 8, description: 'at least 8 characters (the secret being rotated out)' }),
  ),
  RAZORPAY_CHECKOUT: Type.Optional(
    Type.Union([Type.Literal('checkout.js'), Type.Literal('page')], {
      description:
        'checkout.js (Razorpay Standard Checkout, the default with https://api.razorpay.com) or page (the simulator checkout page, the default otherwise)',
    }),
  ),
  RAZORPAY_CHECKOUT_URL: Type.Optional(
    Type.String({ pattern: '^(/|https?://)[^\\s]*$', description: 'a path or an http(s):// URL' }),
  ),
  RAZORPAY_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000 }),
  PAYMENTS_RECONCILE_INTERVAL_SECONDS: Type.Integer({ minimum: 1, default: 60 }),
  PAYMENTS_RECONCILE_AFTER_SECONDS: Type.Integer({ minimum: 0, default: 600 }),
  PAYMENTS_ABANDON_AFTER_SECONDS: Type.Integer({ minimum: 60, default: 86_400 }),
  PAYMENTS_HOLD_WAIT_MS: Type.Integer({
    minimum: 0,
    maximum: 30_000,
    default: 3000,
    description:
      'an integer from 0 to 30000 (how long an order waits for a hold not yet learned from booking)',
  }),
};
export const PaymentsEnv = Type.Object(paymentsEnv);
type PaymentsEnv = Static<typeof PaymentsEnv>;

export interface PaymentsSettings {
  razorpay: {
    baseUrl: string;
    keyId: string;
    keySecret: string;
    /** Current first; the previous one only during a rotation. */
    webhookSecrets: string[];
    /** Where the apps open checkout: the simulator's page, or null for real Razorpay (checkout.js). */
    checkoutUrl: string | null;
    timeoutMs: number;
  };
  reconciliation: { intervalSeconds: number; afterSeconds: number; abandonAfterSeconds: number };
  /** How long an order for a hold payments has not heard of yet waits for booking's event. */
  holdWaitMs: number;
}

/**
 * Whether the apps pay through Razorpay's checkout.js (and their pages must allow it) rather than the
 * simulator's checkout page: RAZORPAY_CHECKOUT says, else real Razorpay's base URL does. The gateway asks
 * too, for its content security policy, from the same variables (which it has even when payments runs
 * elsewhere, if given them).
 */
export function opensCheckoutJs(config: Readonly<Record<string, unknown>>): boolean {
  const { RAZORPAY_CHECKOUT: checkout, RAZORPAY_BASE_URL: baseUrl } = config;
  if (checkout === 'checkout.js' || checkout === 'page') return checkout === 'checkout.js';
  return typeof baseUrl === 'string' && new URL(baseUrl).hostname === 'api.razorpay.com';
}

/**
 * Reads the payments variables from the process configuration. The gateway fills the RAZORPAY_* ones
 * with its embedded simulator when they are unset (outside production); a payments process of its own
 * must be given them.
 */
export function paymentsSettings(config: Readonly<Record<string, unknown>>): PaymentsSettings {
  const env: PaymentsEnv = loadConfig(
    PaymentsEnv,
    Object.fromEntries(
      Object.keys(paymentsEnv).map((name) => [
        name,
        config[name] === undefined ? undefined : String(config[name]),
      ]),
    ),
  );
  if (!env.RAZORPAY_BASE_URL)
    throw new ConfigError(
      'Invalid configuration: RAZORPAY_BASE_URL is required (https://api.razorpay.com or a Razorpay simulator; only the gateway in development mode embeds one)',
    );
  const missing = (['RAZORPAY_KEY_ID', 'RAZORPAY_KEY_SECRET', 'RAZORPAY_WEBHOOK_SECRET'] as const).filter(
    (name) => !env[name],
  );
  if (missing.length > 0)
    throw new ConfigError(`Invalid configuration: ${missing.join(', ')} required with RAZORPAY_BASE_URL`);
  const baseUrl = env.RAZORPAY_BASE_URL.replace(/\/+$/, '');
  return {
    razorpay: {
      baseUrl,
      keyId: env.RAZORPAY_KEY_ID as string,
      keySecret: env.RAZORPAY_KEY_SECRET as string,
      webhookSecrets: [
        env.RAZORPAY_WEBHOOK_SECRET as string,
        ...(env.RAZORPAY_WEBHOOK_SECRET_PREVIOUS ? [env.RAZORPAY_WEBHOOK_SECRET_PREVIOUS] : []),
      ],
      checkoutUrl: opensCheckoutJs(env) ? null : (env.RAZORPAY_CHECKOUT_URL ?? `${baseUrl}/checkout`),
      timeoutMs: env.RAZORPAY_TIMEOUT_MS,
    },
    reconciliation: {
      intervalSeconds: env.PAYMENTS_RECONCILE_INTERVAL_SECONDS,
      afterSeconds: env.PAYMENTS_RECONCILE_AFTER_SECONDS,
      abandonAfterSeconds: env.PAYMENTS_ABANDON_AFTER_SECONDS,
    },
    holdWaitMs: env.PAYMENTS_HOLD_WAIT_MS,
  };
}
