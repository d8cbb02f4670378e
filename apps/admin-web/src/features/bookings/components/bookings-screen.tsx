import type { AdminBookingRow, BookingStatus } from '@zefy/contracts';
import { Button, Card, EmptyState, ErrorBanner, formatPaise, Spinner, toApiError } from '@zefy/web-kit';
import { useState } from 'react';
import { useHubs } from '../../hubs/api/hubs.ts';
import { type BookingFilters, listBookings } from '../api/bookings.ts';
import { useLiveBookings } from '../api/use-live.ts';
import { BookingStatusTag, bookingStatuses, statusLabel } from './booking-status.tsx';

const whenFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string) => whenFormat.format(new Date(iso));

/** Every booking, newest first; new and changed bookings appear without a reload (the `admin` channel). */
export function BookingsScreen() {
  const [filters, setFilters] = useState<BookingFilters>({});
  const [search, setSearch] = useState('');
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
  const set = (patch: Partial<BookingFilters>) => setFilters((current) => ({ ...current, ...patch }));

  async function loadMore(cursor: string) {
    setMoreError(null);
    try {
      const next = await listBookings(filters, cursor);
      setMore((current) => ({
        items: [...(current?.items ?? []), ...next.items],
        nextCursor: next.nextCursor,
      }));
    } catch (error) {
      setMoreError(toApiError(error).detail ?? 'Could not load more');
    }
  }

  return (
    <>
      <form
        className="zf-toolbar"
        aria-label="Filter bookings"
        onSubmit={(event) => {
          event.preventDefault();
          set({ q: search.trim() || undefined });
        }}
      >
        <select
          className="zf-input"
          aria-label="Hub"
          value={filters.hubId ?? ''}
          onChange={(event) => set({ hubId: event.target.value || undefined })}
        >
          <option value="">All hubs</option>
          {hubs.status === 'success'
            ? hubs.data.items.map((hub) => (
                <option key={hub.id} value={hub.id}>
                  {hub.name}
                </option>
              ))
            : null}
        </select>
        <select
          className="zf-input"
          aria-label="State"
          value={filters.status ?? ''}
          onChange={(event) =>
            set({ status: (event.target.value || undefined) as BookingStatus | undefined })
          }
        >
          <option value="">All states</option>
          {bookingStatuses.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
        <input
          className="zf-input"
          type="date"
          aria-label="Day booked"
          value={filters.date ?? ''}
          onChange={(event) => set({ date: event.target.value || undefined })}
        />
        <input
          className="zf-input"
          type="search"
          aria-label="Search by booking id or phone"
          placeholder="Booking id or phone"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {page.status === 'success' && page.isRefreshing ? <span className="zf-muted">Updating…</span> : null}
      </form>
      {page.status === 'loading' ? <Spinner label="Loading bookings" /> : null}
      {page.status === 'error' ? <ErrorBanner error={page.error} onRetry={page.reload} /> : null}
      {page.status === 'success' ? (
        page.data.items.length === 0 ? (
          <EmptyState>No bookings match</EmptyState>
        ) : (
          <Card>
            <div className="zf-table-wrap">
              <table className="zf-table" data-testid="bookings-table">
                <thead>
                  <tr>
                    <th scope="col">Booking</th>
                    <th scope="col">Service</th>
                    <th scope="col">For</th>
                    <th scope="col">Hub</th>
                    <th scope="col">Customer</th>
                    <th scope="col">State</th>
                    <th scope="col" className="zf-num">
                      Total
                    </th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {[...page.data.items, ...(more?.items ?? [])].map((row) => (
                    <tr key={row.id} data-testid="booking-row" data-booking-id={row.id}>
                      <td>
                        <a href={`#/bookings/${row.id}`}>{row.id.slice(-8)}</a>
                      </td>
                      <td>{row.serviceName}</td>
                      <td>{row.window.kind === 'now' ? 'Now' : when(row.window.startsAt)}</td>
                      <td>{hubName.get(row.hubId) ?? row.hubId.slice(-6)}</td>
                      <td>{row.customerPhone ?? '—'}</td>
                      <td>
                        <BookingStatusTag status={row.status} />
                      </td>
                      <td className="zf-num">{formatPaise(row.totalPaise)}</td>
                      <td>{when(row.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )
      ) : null}
      {page.status === 'success' && (more ? more.nextCursor : page.data.nextCursor) ? (
        <div className="zf-toolbar">
          <Button
            variant="secondary"
            onClick={() => void loadMore((more ? more.nextCursor : page.data.nextCursor) as string)}
          >
            Load more
          </Button>
          {moreError ? <span className="zf-muted">{moreError}</span> : null}
        </div>
      ) : null}
    </>
  );
}
