import { PlatformEnv } from '@zefy/platform';
import { Type } from 'typebox';

const { HOST, DATA_DIR, LOG_LEVEL } = PlatformEnv.properties;

/** The standalone simulator's variables. Keys default to development keys generated under DATA_DIR. */
export const RazorpaySimEnv = Type.Object({
  HOST,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4180 }),
  DATA_DIR,
  LOG_LEVEL,
  RAZORPAY_KEY_ID: Type.Optional(
    Type.String({ pattern: '^rzp_(test|live)_[A-Za-z0-9]+$', description: 'rzp_test_…' }),
  ),
  RAZORPAY_KEY_SECRET: Type.Optional(Type.String({ minLength: 8, description: 'at least 8 characters' })),
  RAZORPAY_WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 8, description: 'at least 8 characters' })),
  RAZORPAY_SIM_WEBHOOK_URL: Type.String({
    default: 'http://127.0.0.1:3000/api/v1/payments/webhooks/razorpay',
    pattern: '^https?://[^\\s]+$',
    description: 'an http(s):// URL',
  }),
  RAZORPAY_SIM_REFUNDS: Type.Union([Type.Literal('instant'), Type.Literal('manual')], { default: 'instant' }),
});
