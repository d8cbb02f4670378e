import type { DispatchQueueItem } from '@zefy/contracts';
import { formatInZone } from '@zefy/rules';
import {
  Badge,
  Banner,
  Button,
  Card,
  DataTable,
  EmptyState,
  ErrorBanner,
  playAlertSound,
  Screen,
  Spinner,
  useSecondsSince,
} from '@zefy/web-kit';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { subscribeToEscalations, useDispatchQueue } from '../api/dispatch.ts';
import { oldestFirst, shortId, waitingWords } from '../model/queue.ts';
import { CandidatesCard } from './candidates-card.tsx';

/** Waited since confirmation, on the server's clock (`clockOffsetMs`: server minus this browser). */
function Waiting({ item, clockOffsetMs }: { item: DispatchQueueItem; clockOffsetMs: number }) {
  const waited = useSecondsSince(Date.parse(item.confirmedAt) - clockOffsetMs);
  const { text, isLate } = waitingWords(waited);
  return (
    <span data-testid="waiting" data-late={isLate}>
      {isLate ? <strong>{text}</strong> : text}
    </span>
  );
}

const whenOf = (item: DispatchQueueItem) =>
  item.window.kind === 'now' ? 'Now' : formatInZone(item.window.startsAt, item.timeZone, 'dateTime');

/**
 * `/dispatch`: paid bookings still waiting for a partner, oldest first, with their wait against the
 * five-minute promise, live on the admin channel; an escalation rings and says so. `/dispatch/:bookingId`
 * adds that booking's candidates, to assign one or send the offers again.
 */
export function DispatchScreen() {
  const bookingId = useParams().bookingId;
  const queue = useDispatchQueue();
  const [escalated, setEscalated] = useState<string[]>([]);
  useEffect(
    () =>
      subscribeToEscalations((id) => {
        playAlertSound();
        setEscalated((current) => (current.includes(id) ? current : [...current, id]));
      }),
    [],
  );
  const serverNow = queue.status === 'success' ? queue.data.now : null;
  // measured when the list arrives: good to a second, which is what the wait is shown in
  const clockOffsetMs = useMemo(() => (serverNow ? Date.parse(serverNow) - Date.now() : 0), [serverNow]);

  const items = queue.status === 'success' ? oldestFirst(queue.data.items) : [];
  const waitingIds = new Set(items.map((item) => item.bookingId));
  const alerts = escalated.filter((id) => waitingIds.has(id));

  return (
    <Screen title="Dispatch queue">
      {alerts.length > 0 ? (
        <Banner
          tone="danger"
          title={alerts.length === 1 ? 'A booking was escalated' : `${alerts.length} bookings were escalated`}
          data-testid="escalation-alert"
          action={
            <Button variant="secondary" size="small" onClick={() => setEscalated([])}>
              Dismiss
            </Button>
          }
        >
          Nobody has taken {alerts.map((id) => shortId(id)).join(', ')} yet: assign a partner or send the
          offers again.
        </Banner>
      ) : null}
      {queue.status === 'loading' ? <Spinner label="Loading the dispatch queue" /> : null}
      {queue.status === 'error' ? <ErrorBanner error={queue.error} onRetry={queue.reload} /> : null}
      {queue.status === 'success' ? (
        <Card title="Waiting for a partner">
          {items.length === 0 ? (
            <EmptyState>Every paid booking has a partner.</EmptyState>
          ) : (
            <DataTable
              label="Bookings waiting for a partner, oldest first"
              data-testid="dispatch-queue"
              rows={items}
              rowKey={(item) => item.bookingId}
              rowTestId="dispatch-queue-row"
              rowTone={(item) => (item.isEscalated ? 'danger' : item.isPriority ? 'warning' : undefined)}
              columns={[
                {
                  key: 'booking',
                  header: 'Booking',
                  cell: (item) => (
                    <Link
                      to={`/dispatch/${item.bookingId}`}
                      aria-current={item.bookingId === bookingId || undefined}
                      aria-label={`Candidates for booking ${shortId(item.bookingId)}, ${item.serviceName}`}
                    >
                      {shortId(item.bookingId)}
                    </Link>
                  ),
                },
                { key: 'service', header: 'Service', isWrapping: true, cell: (item) => item.serviceName },
                { key: 'area', header: 'Area', cell: (item) => item.area },
                { key: 'when', header: 'When', cell: whenOf },
                {
                  key: 'waiting',
                  header: 'Waiting',
                  cell: (item) => <Waiting item={item} clockOffsetMs={clockOffsetMs} />,
                },
                {
                  key: 'offers',
                  header: 'Offers',
                  isWrapping: true,
                  cell: ({ wave, offers }) =>
                    `${wave} ${wave === 1 ? 'wave' : 'waves'}: ${offers.open} open, ${offers.rejected} rejected, ${offers.expired} expired`,
                },
                {
                  key: 'state',
                  header: 'State',
                  cell: (item) => (
                    <span className="zf-chips">
                      {item.isEscalated ? (
                        <Badge tone="danger" data-testid="escalated">
                          Escalated
                        </Badge>
                      ) : null}
                      {item.isPriority ? <Badge tone="warning">Partner cancelled</Badge> : null}
                      {!item.isEscalated && !item.isPriority ? <Badge tone="neutral">Offering</Badge> : null}
                    </span>
                  ),
                },
              ]}
            />
          )}
        </Card>
      ) : null}
      {bookingId ? (
        <CandidatesCard
          key={bookingId}
          bookingId={bookingId}
          isWaiting={queue.status !== 'success' || waitingIds.has(bookingId)}
        />
      ) : null}
    </Screen>
  );
}
