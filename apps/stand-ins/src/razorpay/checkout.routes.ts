import type { FastifyInstance } from 'fastify';
import type { CheckoutAttempt, CheckoutResult } from './checkout.ts';
import { checkoutErrorPage, checkoutPage } from './checkout-page.ts';
import type { RazorpaySimulator } from './simulator.ts';

/** Only paths on this host or http(s) URLs: a `javascript:` callback would run in the checkout page. */
function isSafeCallback(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

function withParams(callbackUrl: string, params: Record<string, string>): string {
  const isRelative = callbackUrl.startsWith('/');
  const url = new URL(callbackUrl, 'http://relative.invalid');
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return isRelative ? `${url.pathname}${url.search}${url.hash}` : url.toString();
}

const errorParams = (error: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(error).map(([key, value]) => [
      `error[${key}]`,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );

/**
 * The checkout page (`/checkout`) with pay, fail and cancel buttons; its form posts to `/checkout/pay`, which
 * redirects to the callback URL with Razorpay's success or error fields.
 */
export function checkoutRoutes(sim: RazorpaySimulator) {
  function checkoutInput(source: Record<string, string | undefined>) {
    const orderId = source.order_id ?? '';
    const keyId = source.key_id ?? '';
    const callbackUrl = source.callback_url ?? '';
    if (keyId !== sim.keys.keyId) throw new Error('The key_id is not this account’s key id.');
    if (!isSafeCallback(callbackUrl)) throw new Error('callback_url must be a path or an http(s) URL.');
    return { orderId, keyId, callbackUrl };
  }

  return async function routes(scope: FastifyInstance): Promise<void> {
    scope.get('/checkout', { schema: { hide: true } }, async (request, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      try {
        const input = checkoutInput(request.query as Record<string, string | undefined>);
        const order = sim.fetchOrder(input.orderId);
        if (order.status === 'paid') throw new Error('This order has already been paid.');
        return checkoutPage({ order, keyId: input.keyId, callbackUrl: input.callbackUrl });
      } catch (error) {
        return reply.code(400).send(checkoutErrorPage((error as Error).message));
      }
    });

    scope.post('/checkout/pay', { schema: { hide: true } }, async (request, reply) => {
      const form = (request.body ?? {}) as Record<string, string | undefined>;
      let callbackUrl: string;
      let result: CheckoutResult;
      try {
        const input = checkoutInput(form);
        callbackUrl = input.callbackUrl;
        const outcome = form.outcome;
        if (outcome !== 'success' && outcome !== 'failure' && outcome !== 'abandon')
          throw new Error('Choose pay, fail or cancel.');
        const method = form.method as CheckoutAttempt['method'];
        result = sim.checkout(input.orderId, { outcome, ...(method ? { method } : {}) });
      } catch (error) {
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(checkoutErrorPage((error as Error).message));
      }
      const params =
        result.outcome === 'success'
          ? { ...result.callback }
          : { ...errorParams({ ...result.error }), razorpay_order_id: result.error.metadata.order_id };
      return reply.redirect(withParams(callbackUrl, params), 303);
    });
  };
}
