import { askNotificationPermission, Banner, ErrorBanner, Spinner } from '@zefy/web-kit';
import { useId } from 'react';
import { pushDevice } from '../../../lib/api-client.ts';
import { useDuty } from './duty-provider.tsx';
import './duty.css';

function describeSwitch(isOnDuty: boolean, isBusy: boolean): string {
  if (isBusy) return isOnDuty ? 'Going off duty…' : 'Finding your location…';
  return isOnDuty
    ? 'Job offers near you appear on this screen. Keep Zefy Partner open.'
    : 'Go on duty to get job offers near you.';
}

/** The home screen's switch: big, its state said in words, and what to do when it cannot turn on. */
export function DutySwitch() {
  const duty = useDuty();
  const descriptionId = useId();
  if (duty.status === 'loading') return <Spinner label="Checking whether you are on duty" />;
  if (duty.loadError?.code === 'BOOKING.PARTNER_NOT_ACTIVE')
    return (
      <Banner tone="warning" title="You cannot go on duty yet" data-testid="duty-unavailable">
        Zefy has not approved your account for work. The partner team will tell you when it is ready.
      </Banner>
    );
  if (duty.loadError) return <ErrorBanner error={duty.loadError} onRetry={duty.reload} />;

  const { isOnDuty, isBusy, presence, problem } = duty;
  return (
    <section className="zf-card zf-duty" data-on-duty={isOnDuty} data-testid="presence">
      <div className="zf-duty__text">
        <p className="zf-duty__state" data-testid="presence-state">
          <span className="zf-duty__dot" aria-hidden="true" />
          {isOnDuty ? 'You are on duty' : 'You are off duty'}
        </p>
        <p className="zf-muted" id={descriptionId}>
          {describeSwitch(isOnDuty, isBusy)}
        </p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={isOnDuty}
        aria-describedby={descriptionId}
        aria-busy={isBusy}
        disabled={isBusy}
        className="zf-duty__switch"
        onClick={() => {
          // going on duty is the moment offers matter: ask then (a gesture), not on page load
          if (!isOnDuty) void askNotificationPermission(pushDevice);
          duty.setOnDuty(!isOnDuty);
        }}
      >
        <span className="zf-duty__label">On duty</span>
        <span className="zf-duty__track" aria-hidden="true">
          <span className="zf-duty__knob" />
        </span>
      </button>
      {problem ? (
        <Banner tone="danger" title={problem.title} data-testid="duty-problem">
          {problem.detail}
        </Banner>
      ) : null}
      {isOnDuty && presence && !presence.isInHub ? (
        <Banner tone="warning" title="You are outside your hub" data-testid="outside-hub">
          Offers go to partners inside their hub. Head back into it to get them.
        </Banner>
      ) : null}
    </section>
  );
}
