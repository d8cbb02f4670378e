import type { AdminHubDashboard } from '@zefy/contracts';
import { Card, DataTable, ErrorBanner, Screen, Spinner, Stat } from '@zefy/web-kit';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useLiveBookings } from '../../bookings/api/use-live.ts';
import { BookingStatusTag, bookingStatuses } from '../../bookings/components/booking-status.tsx';
import { getDashboard } from '../api/dashboard.ts';

// presence has no events: heartbeats come every few seconds, so the figure is refreshed on a timer
const refreshEveryMs = 30_000;

const sum = (hubs: readonly AdminHubDashboard[], figure: (hub: AdminHubDashboard) => number) =>
  hubs.reduce((total, hub) => total + figure(hub), 0);
const bookingsToday = (hub: AdminHubDashboard) =>
  hub.bookingsToday.reduce((total, { count }) => total + count, 0);

/** The console's landing page: today in every hub, kept current as bookings change. */
export function DashboardScreen() {
  const dashboard = useLiveBookings('dashboard', getDashboard, () => true);
  const { reload } = dashboard;
  useEffect(() => {
    const timer = setInterval(reload, refreshEveryMs);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <Screen title="Dashboard">
      {dashboard.status === 'loading' ? <Spinner label="Loading today's figures" /> : null}
      {dashboard.status === 'error' ? <ErrorBanner error={dashboard.error} onRetry={reload} /> : null}
      {dashboard.status === 'success' ? <Figures hubs={dashboard.data.hubs} /> : null}
    </Screen>
  );
}

function Figures({ hubs }: { hubs: readonly AdminHubDashboard[] }) {
  const byStatusOrder = (hub: AdminHubDashboard) =>
    [...hub.bookingsToday].sort(
      (a, b) => bookingStatuses.indexOf(a.status) - bookingStatuses.indexOf(b.status),
    );
  return (
    <>
      <div className="zf-grid-auto">
        {[
          {
            id: 'today',
            label: 'Bookings today',
            value: sum(hubs, bookingsToday),
            hint: 'starting today, every state',
          },
          {
            id: 'waiting',
            label: 'Waiting for a partner',
            value: sum(hubs, (hub) => hub.waitingForPartner),
            hint: <Link to="/dispatch">Dispatch queue</Link>,
          },
          {
            id: 'sla',
            label: 'SLA breaches',
            value: sum(hubs, (hub) => hub.slaBreaches),
            hint: 'past their dispatch deadline',
          },
          {
            id: 'online',
            label: 'Partners online',
            value: sum(hubs, (hub) => hub.partnersOnline),
            hint: 'with a fresh heartbeat',
          },
        ].map((figure) => (
          <Card key={figure.id}>
            <Stat
              label={figure.label}
              value={figure.value}
              hint={figure.hint}
              data-testid={`stat-${figure.id}`}
            />
          </Card>
        ))}
      </div>
      <Card title="By hub">
        <DataTable
          label="Today by hub"
          data-testid="hub-figures"
          rows={hubs}
          rowKey={(hub) => hub.hubId}
          rowTestId="hub-figures-row"
          columns={[
            {
              key: 'hub',
              header: 'Hub',
              cell: (hub) => <Link to={`/bookings?hub=${hub.hubId}`}>{hub.hubName}</Link>,
            },
            {
              key: 'today',
              header: 'Bookings today',
              isWrapping: true,
              cell: (hub) =>
                hub.bookingsToday.length === 0 ? (
                  <span className="zf-muted">None</span>
                ) : (
                  <span className="zf-chips">
                    {byStatusOrder(hub).map(({ status, count }) => (
                      <span key={status}>
                        <BookingStatusTag status={status} /> {count}
                      </span>
                    ))}
                  </span>
                ),
            },
            { key: 'waiting', header: 'Waiting', isNumeric: true, cell: (hub) => hub.waitingForPartner },
            { key: 'sla', header: 'SLA breaches', isNumeric: true, cell: (hub) => hub.slaBreaches },
            { key: 'online', header: 'Partners online', isNumeric: true, cell: (hub) => hub.partnersOnline },
          ]}
        />
      </Card>
    </>
  );
}
