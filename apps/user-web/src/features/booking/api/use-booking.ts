import type { BookingView } from '@zefy/contracts';
import { useEffect, useState } from 'react';
import { realtime } from '../../../lib/realtime.ts';
import { getBooking } from './booking.ts';

/**
 * The booking as the server has it, kept current: every event of this booking on `user:<customerId>`
 * (and every reconnect, which may have missed some) fetches it again.
 */
export function useLiveBooking(initial: BookingView): BookingView {
  const [booking, setBooking] = useState(initial);
  useEffect(() => {
    const controller = new AbortController();
    const refresh = () => getBooking(initial.id, controller.signal).then(setBooking, () => undefined);
    realtime.connect();
    const unsubscribe = realtime.subscribe(`user:${initial.customerId}`, {
      onEvent: (event) => {
        if ((event.data as { bookingId?: string }).bookingId === initial.id) void refresh();
      },
      onSubscribed: () => void refresh(),
    });
    return () => {
      controller.abort();
      unsubscribe();
    };
  }, [initial.id, initial.customerId]);
  return booking;
}
