import {
  type BookingView,
  bookingRoutes,
  jobRoutes,
  locationsRoutes,
  paymentRoutes,
  trackingRoutes,
} from '@zefy/contracts';
import type { CheckoutOutcome } from '@zefy/stand-ins/razorpay';
import { payOrder } from './checkout.ts';
import { type ApiClient, ApiError, sleep } from './http.ts';
import { chance, type Random } from './random.ts';
import type { BookingRecord } from './report.ts';
import type { Point } from './route.ts';

export interface CustomerBehaviour {
  /** Shares of checkouts that fail, and that the customer walks away from; the rest pay. */
  paymentFailureProbability: number;
  abandonProbability: number;
  /** Chance of cancelling while waiting for a partner (at a random moment of the wait). */
  cancelProbability: number;
  /** Chance of rating a completed job. */
  rateProbability: number;
  pollSeconds: number;
}

export const defaultCustomerBehaviour: CustomerBehaviour = {
  paymentFailureProbability: 0.04,
  abandonProbability: 0.03,
  cancelProbability: 0.05,
  rateProbability: 0.8,
  pollSeconds: 2,
};

export interface CustomerAgentOptions {
  api: ApiClient;
  customer: { id: string; token: string };
  hubId: string;
  serviceId: string;
  home: Point;
  behaviour: CustomerBehaviour;
  random: Random;
  /** When the run stops waiting: a booking still open then is stuck. */
  deadline: () => number;
  signal: AbortSignal;
  onHold?: (bookingId: string) => void;
}

const settled = ['completed', 'cancelled', 'refunded', 'expired', 'rejected', 'payment_failed'];

/**
 * One booking of a customer using the user app, start to end: an address, a "now" hold, the Razorpay checkout
 * (sometimes failing or abandoned), waiting for a partner (sometimes cancelling), the codes read out at the
 * door, any extra time paid, a rating. Answers the booking's record for the report.
 */
export function customerAgent(options: CustomerAgentOptions) {
  const { api, customer, behaviour, random } = options;
  const record: BookingRecord = {
    hubId: options.hubId,
    bookingId: null,
    requestedAt: Date.now(),
    outcome: 'stuck',
    lastStatus: null,
  };
  const token = customer.token;
  const asCustomer = api.as(token);

  async function placeHold(): Promise<BookingView | null> {
    const address = await asCustomer.call(
      locationsRoutes.createAddress,
      { body: { label: 'Home', line1: 'Simulated street', lat: options.home.lat, lng: options.home.lng } },
      { idempotencyKey: true },
    );
    // booking learns of a new address from locations' event: ask again for a moment
    for (let attempt = 0; ; attempt++) {
      try {
        return await asCustomer.call(
          bookingRoutes.placeHold,
          { body: { serviceId: options.serviceId, addressId: address.id, window: { kind: 'now' } } },
          { idempotencyKey: true },
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 'BOOKING.NO_CAPACITY') return null;
        if (error.code !== 'BOOKING.ADDRESS_NOT_FOUND' || attempt >= 50) throw error;
        await sleep(200, options.signal);
      }
    }
  }

  const checkoutOutcome = (): CheckoutOutcome => {
    const draw = random();
    if (draw < behaviour.paymentFailureProbability) return 'failure';
    if (draw < behaviour.paymentFailureProbability + behaviour.abandonProbability) return 'abandon';
    return 'success';
  };

  async function pay(holdId: string, outcome: CheckoutOutcome): Promise<boolean> {
    const order = await asCustomer.call(
      paymentRoutes.createOrder,
      { body: { holdId } },
      { idempotencyKey: true },
    );
    return payOrder(api, token, order, outcome);
  }

  const ofBooking = () => ({ params: { bookingId: record.bookingId as string } });

  async function follow(cancelAfterMs: number | null) {
    let paidExtraFor: string | null = null;
    while (Date.now() < options.deadline() && !options.signal.aborted) {
      const booking = await asCustomer.call(bookingRoutes.getBooking, ofBooking());
      record.lastStatus = booking.status;
      if (booking.partner && record.assignedAt === undefined)
        record.assignedAt = Date.parse(booking.partner.assignedAt);
      if (booking.status === 'arrived' && record.arrivedAt === undefined) record.arrivedAt = Date.now();
      if (['en_route', 'arrived'].includes(booking.status) && record.promisedArrivalAt === undefined) {
        const tracking = await asCustomer.call(trackingRoutes.getTracking, ofBooking()).catch(() => null);
        if (tracking?.promisedArrivalAt) record.promisedArrivalAt = Date.parse(tracking.promisedArrivalAt);
      }
      if (booking.status === 'completed') {
        record.outcome = 'completed';
        record.completedAt = Date.now();
        if (chance(random, behaviour.rateProbability))
          await asCustomer.call(jobRoutes.rateJob, {
            ...ofBooking(),
            body: { stars: chance(random, 0.8) ? 5 : 4, tags: ['professional'] },
          });
        return;
      }
      if (settled.includes(booking.status)) {
        record.outcome = booking.cancelledBy === 'system' ? 'refunded_no_partner' : 'cancelled';
        return;
      }
      const job = booking.job;
      if (
        booking.status === 'awaiting_extra_payment' &&
        job?.extraPayableId &&
        paidExtraFor !== job.extraPayableId
      ) {
        await pay(job.extraPayableId, 'success');
        paidExtraFor = job.extraPayableId;
      }
      if (
        cancelAfterMs !== null &&
        booking.status === 'confirmed' &&
        Date.now() - (record.confirmedAt ?? record.requestedAt) >= cancelAfterMs
      ) {
        cancelAfterMs = null;
        await asCustomer
          .call(
            bookingRoutes.cancelBooking,
            { ...ofBooking(), body: { reason: 'Changed my mind' } },
            { idempotencyKey: true },
          )
          .catch((error: unknown) => {
            // a partner took it meanwhile: the customer keeps the booking
            if (!(error instanceof ApiError && error.status === 409)) throw error;
          });
      }
      await sleep(behaviour.pollSeconds * 1000, options.signal);
    }
  }

  return {
    record,
    /** The code the customer reads out from their booking view; null until there is one. */
    async tellCode(kind: 'start' | 'end'): Promise<string | null> {
      const otps = await asCustomer.call(jobRoutes.getOtps, ofBooking());
      return otps[kind]?.code ?? null;
    },
    async run(): Promise<BookingRecord> {
      const hold = await placeHold();
      if (!hold) {
        record.outcome = 'unavailable';
        return record;
      }
      record.bookingId = hold.id;
      options.onHold?.(hold.id);
      record.lastStatus = hold.status;
      const outcome = checkoutOutcome();
      if (!(await pay(hold.id, outcome))) {
        record.outcome = outcome === 'failure' ? 'payment_failed' : 'abandoned';
        // a failed payment: the customer gives up and lets the partner's time go; an abandoned one lapses
        if (outcome === 'failure')
          await asCustomer
            .call(bookingRoutes.cancelBooking, { ...ofBooking(), body: {} }, { idempotencyKey: true })
            .catch(() => undefined);
        return record;
      }
      record.confirmedAt = Date.now();
      const cancelAfterMs = chance(random, behaviour.cancelProbability) ? random() * 90_000 : null;
      await follow(cancelAfterMs);
      return record;
    },
  };
}

export type CustomerAgent = ReturnType<typeof customerAgent>;
