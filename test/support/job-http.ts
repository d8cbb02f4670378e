import type {
  BookingOtps,
  BookingReceipt,
  BookingView,
  JobProgress,
  LiveTracking,
  PositionsAccepted,
  RatingInput,
  RatingView,
} from '@zefy/contracts';
import { apiAt, eventually, json } from './api.ts';

/** A fix `northMeters` north of `point`, taken `secondsAgo` before `now` (the platform's clock, when moved by hand). */
export const fixNear = (
  point: { lat: number; lng: number },
  northMeters: number,
  secondsAgo: number,
  now: number = Date.now(),
) => ({
  lat: point.lat + northMeters / 111_320,
  lng: point.lng,
  accuracyMeters: 8,
  fixAt: new Date(now - secondsAgo * 1000).toISOString(),
});

/**
 * The job after "On my way" (see `dispatchAt` for the taps before it), over HTTP as the customer's and the
 * partner's apps do it: the customer's codes and live tracking, the partner's position fixes and codes; and
 * where the booking's door is, for fixes near it. Fails loudly on an unexpected status (but for `enterOtp`
 * and `uploadPosition`, which answer the response), so a test reads as the journey.
 */
export function jobAt(baseUrl: string) {
  const api = apiAt(baseUrl);
  const bookingOf = async (customerToken: string, bookingId: string) =>
    json<BookingView>(await api(`/api/v1/bookings/${bookingId}`, { token: customerToken }));
  const receiptOf = async (customerToken: string, bookingId: string) =>
    json<BookingReceipt>(await api(`/api/v1/bookings/${bookingId}/receipt`, { token: customerToken }));
  return {
    /** The booking as its customer sees it: its partner, its job's timer and extra time. */
    booking: bookingOf,
    /** The booking's address, as its customer saved it: the destination tracking measures against. */
    doorOf: async (customerToken: string, bookingId: string) => {
      const booking = await bookingOf(customerToken, bookingId);
      return json<{ lat: number; lng: number }>(
        await api(`/api/v1/locations/addresses/${booking.addressId}`, { token: customerToken }),
      );
    },
    positions: async (partnerToken: string, bookingId: string, positions: ReturnType<typeof fixNear>[]) =>
      json<PositionsAccepted>(
        await api(`/api/v1/partner/jobs/${bookingId}/positions`, {
          method: 'POST',
          token: partnerToken,
          json: { positions },
        }),
      ),
    start: async (partnerToken: string, bookingId: string, otp: string) =>
      json<JobProgress>(
        await api(`/api/v1/partner/jobs/${bookingId}/start`, {
          method: 'POST',
          token: partnerToken,
          json: { otp },
        }),
      ),
    end: async (partnerToken: string, bookingId: string, otp: string) =>
      json<JobProgress>(
        await api(`/api/v1/partner/jobs/${bookingId}/end`, {
          method: 'POST',
          token: partnerToken,
          json: { otp },
        }),
      ),
    /** The start and end codes, as only the booking's customer sees them. */
    otps: async (customerToken: string, bookingId: string) =>
      json<BookingOtps>(await api(`/api/v1/bookings/${bookingId}/otps`, { token: customerToken })),
    /** The start and end codes once issued: on the assignment's event, which crosses the bus. */
    issuedCodes: (customerToken: string, bookingId: string, timeoutMs = 30_000) =>
      eventually(async () => {
        const issued = await json<BookingOtps>(
          await api(`/api/v1/bookings/${bookingId}/otps`, { token: customerToken }),
        );
        if (!issued.start || !issued.end) throw new Error('no codes yet');
        return { start: issued.start.code, end: issued.end.code };
      }, timeoutMs),
    enterOtp: (partnerToken: string, bookingId: string, kind: 'start' | 'end', otp: string) =>
      api(`/api/v1/partner/jobs/${bookingId}/${kind}`, {
        method: 'POST',
        token: partnerToken,
        json: { otp },
      }),
    uploadPosition: (partnerToken: string, bookingId: string, position: { lat: number; lng: number }) =>
      api(`/api/v1/partner/jobs/${bookingId}/positions`, {
        method: 'POST',
        token: partnerToken,
        json: { positions: [{ ...position, accuracyMeters: 10, fixAt: new Date().toISOString() }] },
      }),
    tracking: async (token: string, bookingId: string) =>
      json<LiveTracking>(await api(`/api/v1/bookings/${bookingId}/tracking`, { token })),
    /** The partner proposes an add-on or material (answers the response: tests also send bad ones). */
    proposeExtra: (
      partnerToken: string,
      bookingId: string,
      extra: unknown,
      idempotencyKey: string | true = true,
    ) =>
      api(`/api/v1/partner/jobs/${bookingId}/extras`, {
        method: 'POST',
        token: partnerToken,
        idempotencyKey,
        json: extra,
      }),
    /** The customer approves or declines a proposed extra (answers the response). */
    decideExtra: (
      customerToken: string,
      bookingId: string,
      extraId: string,
      decision: 'approve' | 'decline',
    ) =>
      api(`/api/v1/bookings/${bookingId}/extras/${extraId}/${decision}`, {
        method: 'POST',
        token: customerToken,
      }),
    /** The customer rates the partner of their completed booking. */
    rateJob: async (customerToken: string, bookingId: string, rating: RatingInput) =>
      json<RatingView>(
        await api(`/api/v1/bookings/${bookingId}/rating`, {
          method: 'POST',
          token: customerToken,
          idempotencyKey: true,
          json: rating,
        }),
        201,
      ),
    /** The partner rates the customer of a job they completed. */
    rateCustomer: async (partnerToken: string, bookingId: string, rating: RatingInput) =>
      json<RatingView>(
        await api(`/api/v1/partner/jobs/${bookingId}/rating`, {
          method: 'POST',
          token: partnerToken,
          idempotencyKey: true,
          json: rating,
        }),
        201,
      ),
    receiptRating: async (customerToken: string, bookingId: string) =>
      (await receiptOf(customerToken, bookingId)).myRating,
    /** The booking's receipt once it lists `payments` payments (a second one is recorded over the bus). */
    receiptWithPayments: (customerToken: string, bookingId: string, payments: number) =>
      eventually(async () => {
        const receipt = await receiptOf(customerToken, bookingId);
        if (receipt.payments.length < payments)
          throw new Error(`the receipt lists ${receipt.payments.length} of ${payments} payments`);
        return receipt;
      }),
  };
}

/** A code that is surely not `code`: the same length, every digit moved on by one. */
export const wrongCodeFor = (code: string): string =>
  [...code].map((digit) => String((Number(digit) + 1) % 10)).join('');
