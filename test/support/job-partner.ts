import type { BookingOtps, LiveTracking } from '@zefy/contracts';
import { apiAt } from './api.ts';

const expectJson = async <T>(response: Response): Promise<T> => {
  if (response.status !== 200)
    throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/**
 * The job after assignment over HTTP, as the customer's and the partner's apps do it: the customer's codes,
 * the partner's positions and codes, the live tracking.
 */
export function jobAt(baseUrl: string) {
  const api = apiAt(baseUrl);
  return {
    /** The start and end codes, as only the booking's customer sees them. */
    otps: async (customerToken: string, bookingId: string) =>
      expectJson<BookingOtps>(await api(`/api/v1/bookings/${bookingId}/otps`, { token: customerToken })),
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
      expectJson<LiveTracking>(await api(`/api/v1/bookings/${bookingId}/tracking`, { token })),
  };
}

/** A code that is surely not `code`: the same length, every digit moved on by one. */
export const wrongCodeFor = (code: string): string =>
  [...code].map((digit) => String((Number(digit) + 1) % 10)).join('');
