import { useEffect, useState } from 'react';
import { BookingDetail } from './booking-detail.tsx';
import { BookingsScreen } from './bookings-screen.tsx';

/** `#/bookings/<id>` opens a booking; `#/bookings` the list. */
const bookingIdFromHash = (): string | null =>
  /^#\/bookings\/([0-9a-f-]{36})$/i.exec(window.location.hash)?.[1] ?? null;

export function BookingsSection() {
  const [bookingId, setBookingId] = useState(bookingIdFromHash);
  useEffect(() => {
    const onChange = () => setBookingId(bookingIdFromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return bookingId ? <BookingDetail key={bookingId} bookingId={bookingId} /> : <BookingsScreen />;
}
