export type { CheckoutAttempt, CheckoutFailure, CheckoutResult, CheckoutSuccess } from './checkout.ts';
export * from './checkout-driver.ts';
export type { ApiFault, ApiOperation } from './faults.ts';
export * from './keys.ts';
export * from './routes.ts';
export * from './server.ts';
export * from './simulator.ts';
export type * from './webhooks.ts';
