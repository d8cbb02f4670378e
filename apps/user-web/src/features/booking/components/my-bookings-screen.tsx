import type { BookingView, MyBookingsQuery } from '@zefy/contracts';
import { formatWindowInZone } from '@zefy/rules';
import { EmptyState, ErrorBanner, formatRupees, Screen, Spinner, useSession } from '@zefy/web-kit';
import { Link, useSearchParams } from 'react-router';
import { auth } from '../../../lib/api-client.ts';
import { useMyBookings } from '../api/job.ts';
import { BookingStatusBadge } from './booking-status.tsx';

type Scope = MyBookingsQuery['scope'];
const scopes: ReadonlyArray<{ scope: Scope; label: string; empty: string }> = [
  {
    scope: 'upcoming',
    label: 'Upcoming',
    empty: 'Nothing booked yet. Your next booking shows here once paid.',
  },
  { scope: 'past', label: 'Past', empty: 'No completed bookings yet.' },
  { scope: 'cancelled', label: 'Cancelled', empty: 'Nothing cancelled.' },
];

const scopeOf = (value: string | null): Scope =>
  scopes.find((candidate) => candidate.scope === value)?.scope ?? 'upcoming';

/** `/bookings?scope=`: the customer's bookings, upcoming (soonest first), past or cancelled; live. */
export function MyBookingsScreen() {
  const [params] = useSearchParams();
  const scope = scopeOf(params.get('scope'));
  const customerId = useSession(auth)?.principal.id ?? '';
  const bookings = useMyBookings(scope, customerId);
  const current = scopes.find((candidate) => candidate.scope === scope) ?? scopes[0];
  return (
    <Screen title="My bookings" data-testid="my-bookings">
      <nav aria-label="Which bookings" className="uw-tabs">
        {scopes.map((tab) => (
          <Link
            key={tab.scope}
            to={`?scope=${tab.scope}`}
            replace
            className="uw-tab"
            aria-current={tab.scope === scope ? 'page' : undefined}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      {bookings.status === 'loading' ? <Spinner label="Loading your bookings" /> : null}
      {bookings.status === 'error' ? <ErrorBanner error={bookings.error} onRetry={bookings.reload} /> : null}
      {bookings.status === 'success' ? (
        bookings.data.items.length === 0 ? (
          <EmptyState>{current?.empty}</EmptyState>
        ) : (
          <ul className="zf-list uw-booking-list" data-testid="booking-list">
            {bookings.data.items.map((booking) => (
              <BookingRow key={booking.id} booking={booking} />
            ))}
          </ul>
        )
      ) : null}
    </Screen>
  );
}

function BookingRow({ booking }: { booking: BookingView }) {
  return (
    <li className="uw-booking-row" data-testid="booking-row" data-booking-id={booking.id}>
      <Link to={`/bookings/${booking.id}`} className="uw-booking-row__link">
        <span className="uw-booking-row__name">{booking.serviceName}</span>
        <span className="zf-muted">{formatWindowInZone(booking.window, booking.timeZone, 'slot')}</span>
      </Link>
      <span className="uw-booking-row__side">
        <BookingStatusBadge status={booking.status} />
        <span className="zf-num">{formatRupees(booking.price.totalPaise)}</span>
      </span>
    </li>
  );
}
