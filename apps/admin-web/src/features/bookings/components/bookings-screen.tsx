import type { AdminBookingRow, BookingStatus } from '@zefy/contracts';
import { formatInZone } from '@zefy/rules';
import {
  Button,
  Card,
  DataTable,
  EmptyState,
  ErrorBanner,
  formatPaise,
  Screen,
  SelectField,
  Spinner,
  TextField,
  toApiError,
  toFormErrors,
  useSearchFilters,
} from '@zefy/web-kit';
import { useState } from 'react';
import { Link } from 'react-router';
import { useHubs } from '../../hubs/api/hubs.ts';
import { type BookingFilters, listBookings } from '../api/bookings.ts';
import { useLiveBookings } from '../api/use-live.ts';
import { BookingStatusTag, bookingStatuses, statusLabel } from './booking-status.tsx';

// a booking's times are the hub's, wherever the console is open
const hubTime = (row: AdminBookingRow, iso: string) => formatInZone(iso, row.timeZone, 'dateTime');

/** Holds not paid for are not bookings yet to an operator: they are a filter away, not in the way. */
const views = [
  { value: 'paid', label: 'Paid bookings', paid: true },
  { value: 'unpaid', label: 'Holds not paid (held, expired, failed)', paid: false },
  { value: 'all', label: 'Everything', paid: undefined },
] as const;
const filterKeys = ['view', 'hub', 'status', 'date', 'q'] as const;

/** Every booking, newest first; new and changed ones appear without a reload (the `admin` channel). */
export function BookingsScreen() {
  const [params, setParams] = useSearchFilters(filterKeys);
  const view = views.find((candidate) => candidate.value === params.view) ?? views[0];
  const filters: BookingFilters = {
    paid: view.paid,
    hubId: params.hub,
    status: params.status as BookingStatus | undefined,
    date: params.date,
    q: params.q,
  };
  const [search, setSearch] = useState(params.q ?? '');
  const [more, setMore] = useState<{ items: AdminBookingRow[]; nextCursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const hubs = useHubs();
  const page = useLiveBookings(
    JSON.stringify(filters),
    (signal) => {
      setMore(null);
      return listBookings(filters, undefined, signal);
    },
    () => true,
  );
  const hubName = new Map(hubs.status === 'success' ? hubs.data.items.map((hub) => [hub.id, hub.name]) : []);
  // a search the list refuses (not a booking id, too few digits) is a mistake in the search box
  const searchError =
    page.status === 'error' ? toFormErrors(page.error, { fields: ['q'] }).fields.q : undefined;

  async function loadMore(cursor: string) {
    setMoreError(null);
    try {
      const next = await listBookings(filters, cursor);
      setMore((current) => ({
        items: [...(current?.items ?? []), ...next.items],
        nextCursor: next.nextCursor,
      }));
    } catch (error) {
      setMoreError(toApiError(error).title);
    }
  }
  const nextCursor = page.status === 'success' ? (more ? more.nextCursor : page.data.nextCursor) : null;

  return (
    <Screen title="Bookings">
      <Card>
        <form
          className="zf-form zf-form--filters"
          aria-label="Filter bookings"
          onSubmit={(event) => {
            event.preventDefault();
            setParams({ q: search.trim() || undefined });
          }}
        >
          <SelectField
            label="Show"
            value={view.value}
            options={views}
            onChange={(event) =>
              setParams({ view: event.target.value === 'paid' ? undefined : event.target.value })
            }
          />
          <SelectField
            label="Hub"
            value={params.hub ?? ''}
            placeholder="All hubs"
            options={
              hubs.status === 'success'
                ? hubs.data.items.map((hub) => ({ value: hub.id, label: hub.name }))
                : []
            }
            onChange={(event) => setParams({ hub: event.target.value })}
          />
          <SelectField
            label="State"
            value={params.status ?? ''}
            placeholder="Any state"
            options={bookingStatuses.map((status) => ({ value: status, label: statusLabel(status) }))}
            onChange={(event) => setParams({ status: event.target.value })}
          />
          <TextField
            label="Day"
            type="date"
            value={params.date ?? ''}
            onChange={(event) => setParams({ date: event.target.value })}
          />
          <TextField
            label="Booking id or phone"
            type="search"
            name="q"
            value={search}
            error={searchError}
            onChange={(event) => setSearch(event.target.value)}
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
      </Card>
      {page.status === 'success' && page.isRefreshing ? <span className="zf-muted">Updating…</span> : null}
      {page.status === 'loading' ? <Spinner label="Loading bookings" /> : null}
      {page.status === 'error' && !searchError ? (
        <ErrorBanner error={page.error} onRetry={page.reload} />
      ) : null}
      {page.status === 'success' && page.data.items.length === 0 ? (
        <EmptyState>{view.paid ? 'No paid bookings match' : 'No bookings match'}</EmptyState>
      ) : null}
      {page.status === 'success' && page.data.items.length > 0 ? (
        <Card>
          <DataTable
            label="Bookings"
            data-testid="bookings-table"
            rows={[...page.data.items, ...(more?.items ?? [])]}
            rowKey={(row) => row.id}
            rowTestId="booking-row"
            columns={[
              {
                key: 'id',
                header: 'Booking',
                cell: (row) => (
                  <Link
                    to={`/bookings/${row.id}`}
                    aria-label={`Booking ${row.id.slice(-8)}, ${row.serviceName}`}
                  >
                    {row.id.slice(-8)}
                  </Link>
                ),
              },
              { key: 'service', header: 'Service', cell: (row) => row.serviceName },
              {
                key: 'window',
                header: 'For',
                cell: (row) => (row.window.kind === 'now' ? 'Now' : hubTime(row, row.window.startsAt)),
              },
              { key: 'hub', header: 'Hub', cell: (row) => hubName.get(row.hubId) ?? row.hubId.slice(-6) },
              { key: 'customer', header: 'Customer', cell: (row) => row.customerPhone ?? '—' },
              { key: 'state', header: 'State', cell: (row) => <BookingStatusTag status={row.status} /> },
              { key: 'total', header: 'Total', isNumeric: true, cell: (row) => formatPaise(row.totalPaise) },
              { key: 'created', header: 'Created', cell: (row) => hubTime(row, row.createdAt) },
            ]}
          />
        </Card>
      ) : null}
      {nextCursor ? (
        <div className="zf-toolbar zf-toolbar--start">
          <Button variant="secondary" onClick={() => void loadMore(nextCursor)}>
            Load more
          </Button>
          {moreError ? <span className="zf-muted">{moreError}</span> : null}
        </div>
      ) : null}
    </Screen>
  );
}
