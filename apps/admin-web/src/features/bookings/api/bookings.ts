import type { AdminBookingDetail, AdminBookingRow, BookingStatus } from '@zefy/contracts';
import { api } from '../../../lib/api-client.ts';

export interface BookingFilters {
  hubId?: string;
  status?: BookingStatus;
  date?: string;
  q?: string;
}

export interface BookingPage {
  items: AdminBookingRow[];
  nextCursor: string | null;
}

export function listBookings(
  filters: BookingFilters,
  cursor?: string,
  signal?: AbortSignal,
): Promise<BookingPage> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (cursor) query.set('cursor', cursor);
  const search = query.toString();
  return api.get<BookingPage>(`/admin/bookings${search ? `?${search}` : ''}`, { signal });
}

export function getBookingDetail(bookingId: string, signal?: AbortSignal): Promise<AdminBookingDetail> {
  return api.get<AdminBookingDetail>(`/admin/bookings/${bookingId}`, { signal });
}
