import type { BookingView } from '@zefy/contracts';
import { type ApiForm, useApiForm } from '@zefy/web-kit';
import type { FormEvent } from 'react';
import { getMe } from '../../account/api/me.ts';
import { leaveForCheckout } from '../api/checkout-trip.ts';
import { checkoutPageUrl, openPaymentOrder, verifyCheckout } from '../api/payment.ts';
import { type CheckoutJsOutcome, payInCheckoutJs } from '../api/razorpay-checkout.ts';

/** Said when checkout was closed without paying and without a failed attempt, as the simulator page says it. */
const abandonedNotice = 'Payment processing cancelled by user';

/**
 * Paying a payable of the booking (the hold, or the job's extra time), one way for both: the simulator's
 * checkout page, leaving the app and coming back through `/bookings/:id/payment`; or, with real Razorpay
 * (the order has no page), checkout.js over the app, its signed answer verified with payments as the way
 * back from the page does. A payment not made is told through `onNotPaid`, as the way back tells it.
 */
export function usePay(
  booking: BookingView,
  onNotPaid: (notice: string) => void,
): { form: ApiForm; pay: (payableId: string) => (event: FormEvent) => void } {
  const form = useApiForm({ fields: [] });
  const pay = (payableId: string) =>
    form.onSubmit(async () => {
      const order = await openPaymentOrder(payableId);
      if (order.checkoutUrl) {
        leaveForCheckout(booking.id, checkoutPageUrl(booking, order, order.checkoutUrl));
        return;
      }
      // the phone only prefills checkout: without it the customer types it there
      const customer = await getMe().catch(() => null);
      let outcome: CheckoutJsOutcome;
      try {
        outcome = await payInCheckoutJs(order, { description: booking.serviceName, customer });
      } catch (caught) {
        form.fail({}, (caught as Error).message);
        return;
      }
      if (outcome.kind === 'paid') await verifyCheckout({ orderId: order.id, ...outcome.response });
      else onNotPaid(outcome.failure ?? abandonedNotice);
    });
  return { form, pay };
}
