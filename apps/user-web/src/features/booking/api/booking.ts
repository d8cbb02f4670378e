import type { Availability, BookingView, HoldRequest } from '@zefy/contracts';
import { useQuery } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

export function getAvailability(
  query: { serviceId: string; addressId: string; date?: string },
  signal?: AbortSignal,
): Promise<Availability> {
  const params = new URLSearchParams({ serviceId: query.serviceId, addressId: query.addressId });
  if (query.date) params.set('date', query.date);
  return api.get<Availability>(`/availability?${params.toString()}`, { signal });
}

export function useAvailability(query: { serviceId: string; addressId: string; date?: string }) {
  return useQuery(`availability/${query.serviceId}/${query.addressId}/${query.date ?? 'today'}`, (signal) =>
    getAvailability(query, signal),
  );
}

/** The same key for a retry of the same choice, so a lost response never places a second hold. */
export function placeHold(request: HoldRequest, idempotencyKey: string): Promise<BookingView> {
  return api.post<BookingView>('/holds', request, { idempotencyKey });
}

export function getBooking(bookingId: string, signal?: AbortSignal): Promise<BookingView> {
  return api.get<BookingView>(`/bookings/${bookingId}`, { signal });
}

export function cancelBooking(bookingId: string, reason: string): Promise<BookingView> {
  return api.post<BookingView>(`/bookings/${bookingId}/cancel`, { reason }, { idempotencyKey: true });
}
