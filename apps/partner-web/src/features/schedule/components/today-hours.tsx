import { weekdayOf, zonedDate } from '@zefy/rules';
import { ButtonLink, Card, ErrorBanner, Spinner } from '@zefy/web-kit';
import { useSchedule } from '../api/schedule.ts';
import { formatDay } from '../model/week.ts';

/** Today's working hours (in the hub's time zone), with the way to change them. */
export function TodayHours() {
  const schedule = useSchedule();
  if (schedule.status === 'loading') return <Spinner label="Loading your working hours" />;
  if (schedule.status === 'error') return <ErrorBanner error={schedule.error} onRetry={schedule.reload} />;
  const { weekly, daysOff, timezone } = schedule.data;
  const today = zonedDate(Date.now(), timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <Card title="Your hours today">
      <div className="zf-list__item">
        <span className="zf-list__name" data-testid="today-hours">
          {daysOff.includes(today) ? 'Day off' : formatDay(weekly[weekdayOf(today)])}
        </span>
        <ButtonLink to="/schedule" variant="secondary" size="small">
          Change hours
        </ButtonLink>
      </div>
    </Card>
  );
}
