import type { BookingView } from '@zefy/contracts';
import { Banner, Card, ErrorBanner, Spinner } from '@zefy/web-kit';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useAddress } from '../../addresses/api/addresses.ts';
import { useLiveTracking } from '../api/live-tracking.ts';
import { arrivalWords, clockInZone, punctualityWords } from './job-words.ts';

// Leaflet loads with a tracked booking, not with the app
const TrackingMap = lazy(() =>
  import('./tracking-map.tsx').then((module) => ({ default: module.TrackingMap })),
);

/** Now, re-read every 15 seconds: "arrives in ~7 min" counts down between ETA updates. */
function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Where the professional is and when they will be at the door, from "On my way" until they arrive: the
 * map, the ETA in the hub's time, the promise, late or early, and a notice when their location is stale.
 */
export function LiveTracking({ booking }: { booking: BookingView }) {
  const tracking = useLiveTracking(booking.id, booking.status);
  const address = useAddress(booking.addressId);
  const now = useNow();
  if (tracking.status === 'loading') return <Spinner label="Finding your professional on the map" />;
  // tracking hears of the assignment through events: until it has, there is nothing to show yet
  if (tracking.status === 'error' && tracking.error.status === 404) return <NotTrackedYet />;
  if (tracking.status === 'error') return <ErrorBanner error={tracking.error} />;
  const live = tracking.data;
  const hasArrived = booking.status === 'arrived' || live.arrivalStage === 'arrived';
  const lateOrEarly = punctualityWords(live.punctuality, live.deviationSeconds);
  return (
    <Card title={hasArrived ? 'Your professional is at the door' : 'On the way'} data-testid="live-tracking">
      <div className="zf-card__body uw-stack">
        {hasArrived ? (
          <p className="uw-headline" data-testid="arrived">
            {booking.partner?.name ?? 'Your professional'} has arrived
          </p>
        ) : live.eta ? (
          <p className="uw-headline" data-testid="eta" aria-live="polite">
            {arrivalWords(live.eta.estimatedArrivalAt, now, booking.timeZone)}
          </p>
        ) : (
          <p data-testid="eta-waiting">
            {booking.status === 'assigned'
              ? 'You will see them on the map once they are on their way'
              : 'Working out when they will be there'}
          </p>
        )}
        {!hasArrived && live.promisedArrivalAt ? (
          <p className="zf-muted" data-testid="promised-arrival">
            Promised by {clockInZone(live.promisedArrivalAt, booking.timeZone)}
          </p>
        ) : null}
        {!hasArrived && lateOrEarly ? (
          <Banner
            tone={live.punctuality === 'late' ? 'warning' : 'info'}
            title={lateOrEarly}
            data-testid="punctuality"
          />
        ) : null}
        {!hasArrived && live.isDelayed ? (
          <Banner tone="warning" title="Location delayed" data-testid="location-delayed">
            {live.lastUpdateAt
              ? `Their last known position is from ${clockInZone(live.lastUpdateAt, booking.timeZone)}; the map catches up once their phone sends again.`
              : 'Their phone has not sent a position yet.'}
          </Banner>
        ) : null}
        {address.status === 'success' && booking.status !== 'assigned' ? (
          <Suspense fallback={<Spinner label="Loading the map" />}>
            <TrackingMap home={address.data} partner={live.position} />
          </Suspense>
        ) : null}
      </div>
    </Card>
  );
}

function NotTrackedYet() {
  return (
    <Card title="On the way">
      <p className="zf-card__body" data-testid="eta-waiting">
        You will see them on the map once they are on their way
      </p>
    </Card>
  );
}
