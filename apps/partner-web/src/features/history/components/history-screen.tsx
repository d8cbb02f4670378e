import { formatWindowInZone } from '@zefy/rules';
import { Card, DataTable, EmptyState, ErrorBanner, formatRupees, Screen, Spinner, Stat } from '@zefy/web-kit';
import { useHistory } from '../api/history.ts';
import { formatDay, formatWeek, starsOf } from '../model/periods.ts';

function Stars({ stars }: { stars: number }) {
  return (
    <span>
      <span aria-hidden="true">{starsOf(stars)}</span> <span className="zf-muted">{stars} of 5</span>
    </span>
  );
}

/** `/history`: what the partner did and earned (by day and week, in rupees) and how customers rated them. */
export function HistoryScreen() {
  const history = useHistory();
  if (history.status !== 'success')
    return (
      <Screen title="History">
        {history.status === 'loading' ? (
          <Spinner label="Loading your history" />
        ) : (
          <ErrorBanner error={history.error} onRetry={history.reload} />
        )}
      </Screen>
    );
  const { jobs, earnings, ratings } = history.data;
  const period = (label: string, rows: typeof earnings.byDay, format: (period: string) => string) => (
    <DataTable
      label={label}
      data-testid={`earnings-${label === 'By day' ? 'day' : 'week'}`}
      rows={rows}
      rowKey={(row) => row.period}
      columns={[
        { key: 'period', header: label === 'By day' ? 'Day' : 'Week', cell: (row) => format(row.period) },
        { key: 'jobs', header: 'Jobs', isNumeric: true, cell: (row) => row.jobs },
        { key: 'earned', header: 'Earned', isNumeric: true, cell: (row) => formatRupees(row.earningPaise) },
      ]}
    />
  );
  return (
    <Screen title="History">
      <div className="zf-grid-auto">
        <Stat label="Earned in all" value={formatRupees(earnings.totalPaise)} data-testid="earnings-total" />
        <Stat label="Jobs done" value={earnings.jobs} data-testid="jobs-done" />
        <Stat
          label="Your rating"
          value={ratings.average === null ? '—' : ratings.average.toFixed(1)}
          hint={`${ratings.count} ${ratings.count === 1 ? 'rating' : 'ratings'}`}
          data-testid="rating-average"
        />
      </div>
      <Card title="Earnings by day">
        {earnings.byDay.length === 0 ? (
          <EmptyState>No earnings yet. Completed jobs show here.</EmptyState>
        ) : (
          period('By day', earnings.byDay, formatDay)
        )}
      </Card>
      <Card title="Earnings by week">
        {earnings.byWeek.length === 0 ? (
          <EmptyState>No earnings yet.</EmptyState>
        ) : (
          period('By week', earnings.byWeek, formatWeek)
        )}
      </Card>
      <Card title="Completed jobs">
        {jobs.items.length === 0 ? (
          <EmptyState>No completed jobs yet.</EmptyState>
        ) : (
          <DataTable
            label="Completed jobs"
            data-testid="completed-jobs"
            rows={jobs.items}
            rowKey={(job) => job.bookingId}
            columns={[
              { key: 'service', header: 'Service', cell: (job) => job.serviceName },
              {
                key: 'when',
                header: 'When',
                cell: (job) => formatWindowInZone(job.window, job.timeZone, 'slot'),
              },
              { key: 'worked', header: 'Worked', isNumeric: true, cell: (job) => `${job.workedMinutes} min` },
              {
                key: 'earned',
                header: 'Earned',
                isNumeric: true,
                cell: (job) => formatRupees(job.earningPaise),
              },
              {
                key: 'rating',
                header: 'Customer’s rating',
                cell: (job) => (job.rating === null ? '—' : <Stars stars={job.rating} />),
              },
            ]}
          />
        )}
      </Card>
      <Card title="Ratings from customers">
        {ratings.items.length === 0 ? (
          <EmptyState>No ratings yet.</EmptyState>
        ) : (
          <ul className="zf-list" data-testid="ratings">
            {ratings.items.map((rating) => (
              <li key={rating.bookingId} className="zf-list__item">
                <span className="zf-list__main">
                  <Stars stars={rating.stars} />
                  {rating.comment ? <span className="zf-muted">{rating.comment}</span> : null}
                </span>
                <span className="zf-muted">{formatDay(rating.ratedAt.slice(0, 10))}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Screen>
  );
}
