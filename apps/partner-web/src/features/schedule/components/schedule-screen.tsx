import type { PartnerSchedule, WeeklyPattern } from '@zefy/contracts';
import { type Weekday, weekdays } from '@zefy/rules';
import {
  Button,
  Card,
  ErrorBanner,
  FormMessage,
  Screen,
  Spinner,
  TextField,
  useApiForm,
  useToast,
} from '@zefy/web-kit';
import { useState } from 'react';
import { saveSchedule, useSchedule } from '../api/schedule.ts';
import {
  checkWeek,
  copyToAllDays,
  dayNames,
  formatHours,
  hoursKey,
  nextHours,
  scheduleFields,
  schedulePaths,
  type WorkingHours,
} from '../model/week.ts';
import './schedule.css';

/** `/schedule`: the weekly working hours and days off, which decide the slots customers can book. */
export function ScheduleScreen() {
  const schedule = useSchedule();
  return (
    <Screen title="Working hours">
      {schedule.status === 'loading' ? <Spinner label="Loading your working hours" /> : null}
      {schedule.status === 'error' ? <ErrorBanner error={schedule.error} onRetry={schedule.reload} /> : null}
      {schedule.status === 'success' ? <ScheduleForm initial={schedule.data} /> : null}
    </Screen>
  );
}

function ScheduleForm({ initial }: { initial: PartnerSchedule }) {
  const [weekly, setWeekly] = useState<WeeklyPattern>(initial.weekly);
  const [daysOff, setDaysOff] = useState<string[]>(initial.daysOff);
  const [newDayOff, setNewDayOff] = useState('');
  const form = useApiForm({ fields: scheduleFields, paths: schedulePaths });
  const toast = useToast();

  const setDay = (day: Weekday, ranges: WorkingHours[]) =>
    setWeekly((current) => ({ ...current, [day]: ranges }));

  async function save() {
    const problems = checkWeek(weekly);
    if (Object.keys(problems).length > 0) {
      form.fail(problems, 'Some hours need a fix: they are marked below.');
      return;
    }
    const stored = await saveSchedule({ weekly, daysOff });
    setWeekly(stored.weekly);
    setDaysOff(stored.daysOff);
    toast.show('Working hours saved');
  }

  return (
    <form className="zf-schedule" onSubmit={form.onSubmit(save)} data-testid="schedule-editor" noValidate>
      <p className="zf-subtitle">
        Customers can book you in these hours. Times are in your hub’s time zone
        {initial.timezone ? ` (${initial.timezone})` : ''}, in quarter hours.
      </p>
      <FormMessage message={form.errors.form} />
      <Card title="Every week">
        {weekdays.map((day) => (
          <DayHours
            key={day}
            day={day}
            ranges={weekly[day]}
            error={form.errors.fields[day]}
            rangeError={(index) => form.errors.fields[hoursKey(day, index)]}
            clearError={(index) => form.field(hoursKey(day, index)).onInput()}
            onChange={(ranges) => setDay(day, ranges)}
            onCopyToAll={() => {
              for (const other of weekdays)
                weekly[other].forEach((_, index) => {
                  form.field(hoursKey(other, index)).onInput();
                });
              setWeekly((current) => copyToAllDays(current, day));
              toast.show(`${dayNames[day]}’s hours copied to every day. Save to keep them.`);
            }}
          />
        ))}
      </Card>
      <Card title="Days off">
        <div className="zf-card__body zf-schedule__off">
          {daysOff.length === 0 ? <p className="zf-muted">No days off planned.</p> : null}
          <ul className="zf-chips" aria-label="Planned days off">
            {daysOff.map((date) => (
              <li key={date} className="zf-tag" data-testid="day-off">
                {date}{' '}
                <button
                  type="button"
                  className="zf-schedule__remove-off"
                  aria-label={`Remove day off ${date}`}
                  onClick={() => setDaysOff((current) => current.filter((d) => d !== date))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="zf-schedule__add-off">
            <TextField
              label="Add a day off"
              type="date"
              value={newDayOff}
              onChange={(event) => setNewDayOff(event.target.value)}
              {...form.field('daysOff')}
            />
            <Button
              variant="secondary"
              disabled={!newDayOff || daysOff.includes(newDayOff)}
              onClick={() => {
                setDaysOff((current) => [...current, newDayOff].sort());
                setNewDayOff('');
              }}
            >
              Add day off
            </Button>
          </div>
        </div>
      </Card>
      <div className="zf-schedule__save">
        <Button type="submit" disabled={form.isBusy}>
          {form.isBusy ? 'Saving…' : 'Save working hours'}
        </Button>
      </div>
    </form>
  );
}

interface DayHoursProps {
  day: Weekday;
  ranges: WorkingHours[];
  /** Booking's word on the whole day (the form's own checks name a range). */
  error: string | undefined;
  rangeError(index: number): string | undefined;
  clearError(index: number): void;
  onChange(ranges: WorkingHours[]): void;
  onCopyToAll(): void;
}

/** One day: its hours, each with its own problem under it, and adding or copying hours. */
function DayHours({ day, ranges, error, rangeError, clearError, onChange, onCopyToAll }: DayHoursProps) {
  const name = dayNames[day];
  const next = nextHours(ranges);
  const errorId = `schedule-${day}-error`;
  const update = (index: number, patch: Partial<WorkingHours>) => {
    clearError(index);
    onChange(ranges.map((range, i) => (i === index ? { ...range, ...patch } : range)));
  };
  // the ranges after a removed one move up a place: their problems no longer match their place
  const remove = (index: number) => {
    for (let i = index; i < ranges.length; i += 1) clearError(i);
    onChange(ranges.filter((_, i) => i !== index));
  };
  return (
    <div className="zf-schedule__day" data-testid={`schedule-day-${day}`}>
      <div className="zf-schedule__day-head">
        <h3 className="zf-schedule__day-name">{name}</h3>
        {ranges.length === 0 ? <span className="zf-muted">Off</span> : null}
      </div>
      <div className="zf-schedule__ranges">
        {error ? (
          <span className="zf-field__error" id={errorId} data-testid="field-error">
            {error}
          </span>
        ) : null}
        {ranges.map((range, index) => {
          const problem = rangeError(index);
          const problemId = `schedule-${day}-${index.toString()}-error`;
          const described = [problem ? problemId : null, error ? errorId : null].filter(Boolean).join(' ');
          const invalid = Boolean(problem || error);
          return (
            <fieldset
              // a range has no identity of its own: its place in the day is what the form knows it by
              key={`${day}-${index.toString()}`}
              className="zf-schedule__range"
              data-testid="hours-row"
            >
              <legend className="zf-visually-hidden">{`${name} hours ${index + 1}`}</legend>
              <div className="zf-schedule__times">
                <TimeInput
                  label="Starts"
                  value={range.start}
                  onChange={(start) => update(index, { start })}
                  isInvalid={invalid}
                  describedBy={described}
                />
                <span aria-hidden="true">–</span>
                <TimeInput
                  label="Ends"
                  value={range.end}
                  onChange={(end) => update(index, { end })}
                  isInvalid={invalid}
                  describedBy={described}
                />
                <Button
                  variant="secondary"
                  size="small"
                  className="zf-schedule__remove"
                  aria-label={`Remove ${name} ${formatHours(range)}`}
                  onClick={() => remove(index)}
                >
                  <span aria-hidden="true">✕</span>
                </Button>
              </div>
              {problem ? (
                <span className="zf-field__error" id={problemId} data-testid="field-error">
                  {problem}
                </span>
              ) : null}
            </fieldset>
          );
        })}
        <div className="zf-schedule__actions">
          <Button
            variant="secondary"
            size="small"
            disabled={!next}
            title={next ? undefined : 'Every hour of this day is taken'}
            onClick={() => next && onChange([...ranges, next])}
          >
            Add hours
          </Button>
          {ranges.length > 0 ? (
            <Button variant="secondary" size="small" onClick={onCopyToAll}>
              Copy to all days
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

interface TimeInputProps {
  label: string;
  value: string;
  onChange(value: string): void;
  isInvalid: boolean;
  /** The ids of the problems shown for it. */
  describedBy: string;
}

/**
 * A time on the quarter-hour grid. `<input type="time">` cannot show 24:00: the end of the day is entered as
 * 23:59 and kept as 24:00.
 */
function TimeInput({ label, value, onChange, isInvalid, describedBy }: TimeInputProps) {
  return (
    <input
      type="time"
      step={900}
      className="zf-input"
      aria-label={label}
      aria-invalid={isInvalid || undefined}
      aria-describedby={describedBy || undefined}
      value={value === '24:00' ? '23:59' : value}
      onChange={(event) => onChange(event.target.value === '23:59' ? '24:00' : event.target.value)}
    />
  );
}
