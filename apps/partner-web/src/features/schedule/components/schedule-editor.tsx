import type { PartnerSchedule, PartnerScheduleInput, WeeklyPattern } from '@zefy/contracts';
import { type ApiError, Button, Card, ErrorBanner, Spinner, toApiError } from '@zefy/web-kit';
import { useEffect, useState } from 'react';
import { saveSchedule, useSchedule } from '../api/schedule.ts';
import './schedule.css';

const days: Array<{ key: keyof WeeklyPattern; label: string }> = [
  { key: 'mon', label: 'Mon' },
  { key: 'tue', label: 'Tue' },
  { key: 'wed', label: 'Wed' },
  { key: 'thu', label: 'Thu' },
  { key: 'fri', label: 'Fri' },
  { key: 'sat', label: 'Sat' },
  { key: 'sun', label: 'Sun' },
];

/** `<input type="time">` cannot show 24:00; the end of the day is entered as 23:59 and saved as 24:00. */
const toInput = (time: string) => (time === '24:00' ? '23:59' : time);
const fromInput = (time: string) => (time === '23:59' ? '24:00' : time);

export function ScheduleEditor() {
  const schedule = useSchedule();
  if (schedule.status === 'loading') return <Spinner label="Loading your schedule" />;
  if (schedule.status === 'error') return <ErrorBanner error={schedule.error} onRetry={schedule.reload} />;
  return <ScheduleForm initial={schedule.data} />;
}

function ScheduleForm({ initial }: { initial: PartnerSchedule }) {
  const [draft, setDraft] = useState<PartnerScheduleInput>({
    weekly: initial.weekly,
    daysOff: initial.daysOff,
  });
  const [saved, setSaved] = useState<PartnerSchedule>(initial);
  const [newDayOff, setNewDayOff] = useState('');
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; error: ApiError }
  >({
    kind: 'idle',
  });

  useEffect(() => {
    if (state.kind !== 'saved') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), 3000);
    return () => clearTimeout(timer);
  }, [state.kind]);

  const updateDay = (day: keyof WeeklyPattern, ranges: WeeklyPattern[typeof day]) =>
    setDraft((current) => ({ ...current, weekly: { ...current.weekly, [day]: ranges } }));

  async function save() {
    setState({ kind: 'saving' });
    try {
      const stored = await saveSchedule(draft);
      setSaved(stored);
      setDraft({ weekly: stored.weekly, daysOff: stored.daysOff });
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'error', error: toApiError(error) });
    }
  }

  return (
    <Card title="Working hours" data-testid="schedule-editor">
      <p className="zf-muted" style={{ padding: '0 16px 8px' }}>
        Times are in your hub’s time zone{saved.timezone ? ` (${saved.timezone})` : ''}, in 15-minute steps.
      </p>
      <div>
        {days.map(({ key, label }) => (
          <div className="zf-schedule__day" key={key} data-testid={`schedule-day-${key}`}>
            <span className="zf-schedule__day-name">{label}</span>
            <div className="zf-schedule__ranges">
              {draft.weekly[key].length === 0 ? <span className="zf-muted">Off</span> : null}
              {draft.weekly[key].map((range, index) => (
                <div className="zf-schedule__range" key={`${key}-${index.toString()}`}>
                  <input
                    type="time"
                    step={900}
                    aria-label={`${label} from`}
                    value={toInput(range.start)}
                    onChange={(event) =>
                      updateDay(
                        key,
                        draft.weekly[key].map((r, i) =>
                          i === index ? { ...r, start: event.target.value } : r,
                        ),
                      )
                    }
                  />
                  <span aria-hidden="true">–</span>
                  <input
                    type="time"
                    step={900}
                    aria-label={`${label} until`}
                    value={toInput(range.end)}
                    onChange={(event) =>
                      updateDay(
                        key,
                        draft.weekly[key].map((r, i) =>
                          i === index ? { ...r, end: fromInput(event.target.value) } : r,
                        ),
                      )
                    }
                  />
                  <Button
                    variant="secondary"
                    aria-label={`Remove ${label} ${range.start}–${range.end}`}
                    onClick={() =>
                      updateDay(
                        key,
                        draft.weekly[key].filter((_, i) => i !== index),
                      )
                    }
                  >
                    Remove
                  </Button>
                </div>
              ))}
              <div>
                <Button
                  variant="secondary"
                  onClick={() => {
                    const last = draft.weekly[key].at(-1);
                    const start = last ? last.end : '09:00';
                    updateDay(key, [
                      ...draft.weekly[key],
                      { start, end: start < '20:00' ? '18:00' : '24:00' },
                    ]);
                  }}
                >
                  Add hours
                </Button>
              </div>
            </div>
          </div>
        ))}
      </div>
      <div className="zf-schedule__off">
        <strong>Days off</strong>
        {draft.daysOff.length === 0 ? <span className="zf-muted">None</span> : null}
        {draft.daysOff.map((date) => (
          <span className="zf-tag" key={date}>
            {date}{' '}
            <button
              type="button"
              className="zf-schedule__remove"
              aria-label={`Remove day off ${date}`}
              onClick={() =>
                setDraft((current) => ({ ...current, daysOff: current.daysOff.filter((d) => d !== date) }))
              }
            >
              ×
            </button>
          </span>
        ))}
        <input
          type="date"
          aria-label="Day off"
          value={newDayOff}
          onChange={(event) => setNewDayOff(event.target.value)}
        />
        <Button
          variant="secondary"
          disabled={!newDayOff || draft.daysOff.includes(newDayOff)}
          onClick={() => {
            setDraft((current) => ({ ...current, daysOff: [...current.daysOff, newDayOff].sort() }));
            setNewDayOff('');
          }}
        >
          Add day off
        </Button>
      </div>
      {state.kind === 'error' ? <ErrorBanner error={state.error} /> : null}
      <div className="zf-schedule__actions">
        <Button onClick={() => void save()} disabled={state.kind === 'saving'}>
          {state.kind === 'saving' ? 'Saving…' : 'Save schedule'}
        </Button>
        {state.kind === 'saved' ? (
          <span role="status" className="zf-muted">
            Saved
          </span>
        ) : null}
      </div>
    </Card>
  );
}
