import type { Address, BookingView, CatalogService } from '@zefy/contracts';
import { type ApiError, Button, Card, ErrorBanner, Spinner, toApiError } from '@zefy/web-kit';
import { useEffect, useRef, useState } from 'react';
import { placeHold, useAvailability } from '../api/booking.ts';
import { BookingProgress } from './booking-progress.tsx';

type Choice = { kind: 'now' } | { kind: 'slot'; startsAt: string };

const dayFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-IN', { weekday: 'short', day: 'numeric', month: 'short', timeZone });
const timeFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-IN', { hour: 'numeric', minute: '2-digit', timeZone });

/** `YYYY-MM-DD` plus `days`, as calendar arithmetic (no time zone involved). */
const addDays = (date: string, days: number) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
};

/** Now or a slot → a hold with its price → pay → booked. */
export function BookingFlow({ address, service }: { address: Address; service: CatalogService }) {
  const [booking, setBooking] = useState<BookingView | null>(null);
  const top = useRef<HTMLDivElement>(null);
  // the flow opens below the catalog: bring it into view when it starts and at each step
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new hold is the trigger to scroll
  useEffect(() => {
    top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [booking?.id]);
  return (
    <div ref={top}>
      {booking ? (
        <BookingProgress initial={booking} onStartOver={() => setBooking(null)} />
      ) : (
        <WindowPicker address={address} service={service} onHeld={setBooking} />
      )}
    </div>
  );
}

function WindowPicker({
  address,
  service,
  onHeld,
}: {
  address: Address;
  service: CatalogService;
  onHeld: (booking: BookingView) => void;
}) {
  const [date, setDate] = useState<string | undefined>();
  // the first answer's date is today in the hub: the seven days shown start there
  const [firstDay, setFirstDay] = useState<string | undefined>();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [attempt, setAttempt] = useState<{ key: string; choice: Choice } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isHolding, setHolding] = useState(false);
  const availability = useAvailability({ serviceId: service.id, addressId: address.id, date });

  if (availability.status === 'loading') return <Spinner label="Checking availability" />;
  if (availability.status === 'error')
    return <ErrorBanner error={availability.error} onRetry={availability.reload} />;
  const answer = availability.data;
  if (!answer.isServiceable || !answer.timezone)
    return <p className="zf-notice">This address is not serviceable yet.</p>;
  const timezone = answer.timezone;
  const start = firstDay ?? answer.date;
  const days = Array.from({ length: 7 }, (_, index) => addDays(start, index));

  async function hold(selected: Choice) {
    // a retry of the same choice reuses its key: the server answers with the hold it already placed
    const key =
      attempt && JSON.stringify(attempt.choice) === JSON.stringify(selected)
        ? attempt.key
        : crypto.randomUUID();
    setAttempt({ key, choice: selected });
    setHolding(true);
    setError(null);
    try {
      onHeld(await placeHold({ serviceId: service.id, addressId: address.id, window: selected }, key));
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      // taken meanwhile: show what is still free
      if (apiError.code === 'BOOKING.NO_CAPACITY') availability.reload();
    } finally {
      setHolding(false);
    }
  }

  return (
    <Card title={`Book ${service.name}`} data-testid="booking-flow">
      <div className="zf-form" style={{ padding: '8px 16px 16px', display: 'grid', gap: 12 }}>
        <Button
          variant={choice?.kind === 'now' ? 'primary' : 'secondary'}
          disabled={!answer.now.available}
          onClick={() => setChoice({ kind: 'now' })}
          data-testid="choose-now"
        >
          {answer.now.available ? 'Now — a partner nearby is free' : 'Now — nobody free nearby'}
        </Button>
        <fieldset className="zf-chips" aria-label="Day" style={{ border: 0, padding: 0, margin: 0 }}>
          {days.map((day) => (
            <button
              key={day}
              type="button"
              className="zf-chip"
              aria-current={day === answer.date ? 'date' : undefined}
              onClick={() => {
                setFirstDay(start);
                setDate(day);
                setChoice((current) => (current?.kind === 'slot' ? null : current));
              }}
            >
              {dayFormat(timezone).format(new Date(`${day}T12:00:00Z`))}
            </button>
          ))}
        </fieldset>
        <fieldset
          className="zf-chips"
          aria-label="Slots"
          data-testid="slots"
          style={{ border: 0, padding: 0, margin: 0 }}
        >
          {answer.slots.filter((slot) => slot.available).length === 0 ? (
            <span className="zf-muted">No free slots this day</span>
          ) : null}
          {answer.slots
            .filter((slot) => slot.available)
            .map((slot) => (
              <button
                key={slot.startsAt}
                type="button"
                className="zf-chip"
                data-testid="slot"
                aria-current={
                  choice?.kind === 'slot' && choice.startsAt === slot.startsAt ? 'true' : undefined
                }
                onClick={() => setChoice({ kind: 'slot', startsAt: slot.startsAt })}
              >
                {timeFormat(timezone).format(new Date(slot.startsAt))}
              </button>
            ))}
        </fieldset>
        {error ? <ErrorBanner error={error} /> : null}
        <Button
          disabled={!choice || isHolding}
          onClick={() => choice && void hold(choice)}
          data-testid="hold"
        >
          {isHolding ? 'Holding…' : 'Continue to price'}
        </Button>
      </div>
    </Card>
  );
}
