import { Card, DataTable, ErrorBanner, Screen, Spinner } from '@zefy/web-kit';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { MarkersMap } from '../../../components/markers-map.tsx';
import { useLiveBookings } from '../../bookings/api/use-live.ts';
import { etaWords } from '../../bookings/model/live-job.ts';
import { getLiveMap, useHubTracking } from '../api/live.ts';
import { liveMarkers } from '../model/live-map.ts';

/**
 * Heartbeats come every few seconds without events of their own, so the map polls; positions and ETAs of
 * the jobs on their way come live on their hubs' channels in between.
 */
export const liveMapRefreshMs = 5_000;

/**
 * `/live`: every hub's partners on duty and the jobs on the way (the partner and the address) on one map,
 * refreshed every few seconds and on every booking event; the jobs listed with their ETA.
 */
export function LiveMapScreen() {
  const live = useLiveBookings('live-map', getLiveMap, () => true);
  const { reload } = live;
  const loaded = live.status === 'success' ? live.data : null;
  const hubIds = useMemo(() => loaded?.hubs.map((hub) => hub.hubId), [loaded]);
  const enRoute = useHubTracking(hubIds, loaded?.enRoute);
  useEffect(() => {
    const timer = setInterval(reload, liveMapRefreshMs);
    return () => clearInterval(timer);
  }, [reload]);

  if (live.status === 'loading')
    return (
      <Screen title="Live map">
        <Spinner label="Loading the live map" />
      </Screen>
    );
  if (live.status === 'error')
    return (
      <Screen title="Live map">
        <ErrorBanner error={live.error} onRetry={reload} />
      </Screen>
    );
  const { hubs } = live.data;
  const onDuty = hubs.reduce((total, hub) => total + hub.partnersOnDuty.length, 0);
  return (
    <Screen title="Live map">
      <Card title={`${onDuty} on duty, ${enRoute.length} on the way`}>
        <MarkersMap
          label="Live map of partners on duty and jobs on the way"
          markers={liveMarkers(hubs, enRoute)}
          data-testid="live-map"
        />
      </Card>
      <Card title="On the way">
        <DataTable
          label="Jobs on the way"
          data-testid="en-route-jobs"
          rows={enRoute}
          rowKey={(tracking) => tracking.bookingId}
          columns={[
            {
              key: 'booking',
              header: 'Booking',
              cell: (tracking) => (
                <Link to={`/bookings/${tracking.bookingId}`}>{tracking.bookingId.slice(-8)}</Link>
              ),
            },
            { key: 'partner', header: 'Partner', cell: (tracking) => tracking.partnerId },
            {
              key: 'eta',
              header: 'Arrives',
              cell: (tracking) =>
                tracking.eta ? etaWords(tracking.eta.estimatedArrivalAt, Date.now()) : '—',
            },
            {
              key: 'fresh',
              header: 'Location',
              cell: (tracking) => (tracking.isDelayed ? 'delayed' : tracking.position ? 'live' : 'none yet'),
            },
          ]}
        />
      </Card>
    </Screen>
  );
}
