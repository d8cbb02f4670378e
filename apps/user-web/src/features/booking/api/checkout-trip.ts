/**
 * The round trip to the checkout page, kept in the tab's sessionStorage. Checkout is a page of its own
 * (the simulator's; Razorpay's in production opens over the app and adds no history), so leaving for it
 * adds two history entries: checkout, and the return URL. Coming back, the app steps back over both to
 * the booking it left from, as if checkout had been a dialog: the back button then goes to the step before
 * the booking, not to a checkout page for an order already paid.
 */
const tripKey = 'zefy.user.checkout-trip';
const noticeKey = 'zefy.user.checkout-notice';

interface Trip {
  bookingId: string;
  /** `history.length` when leaving: coming back adds exactly two entries. */
  historyLength: number;
}

function read<T>(key: string): T | null {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

export function leaveForCheckout(bookingId: string, checkoutUrl: string): void {
  const trip: Trip = { bookingId, historyLength: window.history.length };
  sessionStorage.setItem(tripKey, JSON.stringify(trip));
  window.location.assign(checkoutUrl);
}

/**
 * Back from checkout for `bookingId`, with what to tell the customer (a failed payment) on the booking:
 * true when the browser is stepping back to the booking's own entry, false when there is none to step back
 * to (checkout opened from elsewhere, history changed meanwhile) and the caller shows the booking here.
 */
export function returnFromCheckout(bookingId: string, notice: string | null): boolean {
  const trip = read<Trip>(tripKey);
  sessionStorage.removeItem(tripKey);
  if (notice) sessionStorage.setItem(noticeKey, JSON.stringify({ bookingId, notice }));
  if (trip?.bookingId !== bookingId || window.history.length !== trip.historyLength + 2) return false;
  window.history.go(-2);
  return true;
}

/** The notice left for the booking by its checkout round trip, once. */
export function takeCheckoutNotice(bookingId: string): string | null {
  const left = read<{ bookingId: string; notice: string }>(noticeKey);
  if (left?.bookingId !== bookingId) return null;
  sessionStorage.removeItem(noticeKey);
  return left.notice;
}
