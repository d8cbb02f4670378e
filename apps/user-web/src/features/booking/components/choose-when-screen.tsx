import type { Address, Availability, CatalogService } from '@zefy/contracts';
import { addDays, formatCalendarDate, formatInZone, zonedDate } from '@zefy/rules';
import {
  Banner,
  Button,
  ButtonLink,
  Card,
  ChipGroup,
  EmptyState,
  ErrorBanner,
  FormMessage,
  formatRupees,
  Screen,
  SelectField,
  Spinner,
  toApiError,
  useApiForm,
  useSearchFilters,
} from '@zefy/web-kit';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useAddresses } from '../../addresses/api/addresses.ts';
import { AddressSummary, Serviceability } from '../../addresses/components/address-summary.tsx';
import { useService } from '../../catalog/api/catalog.ts';
import { placeHold, useAvailability } from '../api/booking.ts';

/** The step's choices, in its URL: a reload or the back button from the price card finds them chosen. */
const choiceKeys = ['address', 'day', 'slot'] as const;
const now = 'now';
const daysShown = 7;

/**
 * `/services/:serviceId/book?address=&day=&slot=`: where and when. The address (the default unless
 * another is chosen), a day of the coming week in the hub's calendar, and a free slot that day or "now";
 * continuing holds a professional's time and opens the booking's price card.
 */
export function ChooseWhenScreen() {
  const serviceId = useParams().serviceId ?? '';
  const service = useService(serviceId);
  const addresses = useAddresses();
  const [choices, setChoices] = useSearchFilters(choiceKeys);
  const location = useLocation();
  const back = (
    <Link className="zf-back" to={`/services/${serviceId}`}>
      ← {service.status === 'success' ? service.data.name : 'Service'}
    </Link>
  );
  const title = 'Choose a time';
  for (const query of [service, addresses])
    if (query.status === 'error')
      return (
        <Screen title={title} back={back}>
          <ErrorBanner error={query.error} onRetry={query.reload} />
        </Screen>
      );
  if (service.status !== 'success' || addresses.status !== 'success')
    return (
      <Screen title={title} back={back}>
        <Spinner label="Loading" />
      </Screen>
    );

  const items = addresses.data.items;
  const address =
    items.find((item) => item.id === choices.address) ?? items.find((item) => item.isDefault) ?? items[0];
  // a new address comes back here, chosen
  const addAddress = `/addresses/new?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`;

  return (
    <Screen title={title} back={back} data-testid="choose-when">
      <p className="zf-subtitle">
        {service.data.name} · {formatRupees(service.data.price.totalPaise)}
      </p>
      {address ? (
        <Card title="Where">
          <div className="zf-card__body uw-stack">
            {items.length > 1 ? (
              <SelectField
                label="Address"
                options={items.map((item) => ({ value: item.id, label: `${item.label} · ${item.line1}` }))}
                value={address.id}
                onChange={(event) => setChoices({ address: event.target.value, slot: undefined })}
              />
            ) : (
              <AddressSummary address={address} />
            )}
            <Serviceability address={address} />
            <Link to={addAddress}>Add another address</Link>
          </div>
        </Card>
      ) : (
        <EmptyState action={<ButtonLink to={addAddress}>Add address</ButtonLink>}>
          Add the address where you want the service
        </EmptyState>
      )}
      {address?.isServiceable ? (
        <WhenForm
          service={service.data}
          address={address}
          day={choices.day}
          slot={choices.slot}
          onChoose={setChoices}
        />
      ) : null}
      {address && !address.isServiceable ? (
        <Banner tone="warning" title="We do not serve this address yet" data-testid="not-serviceable">
          Choose another address, or add one where we serve.
        </Banner>
      ) : null}
    </Screen>
  );
}

function WhenForm({
  service,
  address,
  day,
  slot,
  onChoose,
}: {
  service: CatalogService;
  address: Address;
  day: string | undefined;
  slot: string | undefined;
  onChoose: (patch: { day?: string; slot?: string }) => void;
}) {
  const availability = useAvailability({ serviceId: service.id, addressId: address.id, date: day });
  const navigate = useNavigate();
  const form = useApiForm({
    fields: ['window'],
    paths: { 'window.startsAt': 'window', 'window.kind': 'window' },
  });
  // the last answer stays on screen while another day loads: the chips do not vanish under a tap
  const [answer, setAnswer] = useState<Availability | null>(null);
  if (availability.status === 'success' && availability.data !== answer) setAnswer(availability.data);

  if (!answer)
    return availability.status === 'error' ? (
      <ErrorBanner error={availability.error} onRetry={availability.reload} />
    ) : (
      <Spinner label="Checking who is free" />
    );
  if (!answer.isServiceable || !answer.timezone)
    return <Banner tone="warning" title="We do not serve this address yet" />;
  // the answer for the day in the URL (just after a tap, the previous day's is still on screen)
  const isCurrent = availability.status === 'success' && (day === undefined || answer.date === day);
  const timezone = answer.timezone;
  const today = zonedDate(Date.now(), timezone);
  const days = Array.from({ length: daysShown }, (_, index) => addDays(today, index));
  const isToday = answer.date === today;
  const freeSlots = answer.slots.filter((candidate) => candidate.available);
  // a choice from the URL counts only while it is still free
  const chosen = !isCurrent
    ? null
    : slot === now
      ? isToday && answer.now.available
        ? now
        : null
      : (freeSlots.find((candidate) => candidate.startsAt === slot)?.startsAt ?? null);

  async function hold(idempotencyKey: string) {
    if (!chosen) {
      form.fail({ window: 'Choose a time' });
      return;
    }
    try {
      const booking = await placeHold(
        {
          serviceId: service.id,
          addressId: address.id,
          window: chosen === now ? { kind: 'now' } : { kind: 'slot', startsAt: chosen },
        },
        idempotencyKey,
      );
      navigate(`/bookings/${booking.id}`);
    } catch (caught) {
      // taken meanwhile: show what is still free
      if (toApiError(caught).code === 'BOOKING.NO_CAPACITY') availability.reload();
      throw caught;
    }
  }

  const times = [
    ...(isToday
      ? [
          {
            value: now,
            label: answer.now.available ? 'Now' : 'Now (nobody free)',
            disabled: !answer.now.available,
          },
        ]
      : []),
    ...freeSlots.map((candidate) => ({
      value: candidate.startsAt,
      label: formatInZone(candidate.startsAt, timezone, 'time'),
    })),
  ];

  return (
    <Card title="When">
      <form className="zf-form" onSubmit={form.onSubmit(hold)} data-testid="booking-flow" noValidate>
        <ChipGroup
          label="Day"
          name="day"
          options={days.map((value, index) => ({
            value,
            label: index === 0 ? 'Today' : index === 1 ? 'Tomorrow' : formatCalendarDate(value),
          }))}
          value={day ?? answer.date}
          onChange={(value) => onChoose({ day: value, slot: undefined })}
          data-testid="days"
        />
        {availability.status === 'loading' ? <Spinner label="Checking who is free" /> : null}
        {availability.status === 'error' ? (
          <ErrorBanner error={availability.error} onRetry={availability.reload} />
        ) : null}
        {isCurrent ? (
          <ChipGroup
            label="Time"
            hint={`Times in ${address.hubName ?? 'the hub'}; a professional arrives within the slot`}
            options={times}
            value={chosen}
            onChange={(value) => onChoose({ day: answer.date, slot: value })}
            empty="No free times this day; try the next one"
            data-testid="slots"
            {...form.field('window')}
          />
        ) : null}
        <FormMessage message={form.errors.form} />
        <Button type="submit" disabled={form.isBusy || !chosen} data-testid="hold">
          {form.isBusy ? 'Holding…' : 'Continue to price'}
        </Button>
      </form>
    </Card>
  );
}
