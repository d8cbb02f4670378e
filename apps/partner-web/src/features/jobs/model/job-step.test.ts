import { describe, expect, it } from 'vitest';
import { formatElapsed, startOnThisClock, stepOf } from './job-step.ts';

describe('the job screen', () => {
  it('asks for the next step of the job by its state', () => {
    expect(stepOf('assigned')).toBe('set_out');
    expect(stepOf('en_route')).toBe('on_the_way');
    expect(stepOf('arrived')).toBe('at_the_door');
    expect(stepOf('in_progress')).toBe('working');
    expect(stepOf('awaiting_extra_payment')).toBe('awaiting_extra_payment');
    expect(stepOf('completed')).toBe('done');
    expect(stepOf('cancelled')).toBe('closed');
  });

  it("counts the timer from the server's clock, whatever this phone's clock says", () => {
    const timer = {
      startedAt: '2026-03-02T10:00:00.000Z',
      endedAt: null,
      workedMinutes: null,
      extraDuePaise: 0,
      extraPaidPaise: 0,
      extraPayableId: null,
      extras: [],
    };
    // the server says 90 s have passed; the phone's clock is an hour behind
    const receivedAt = Date.parse('2026-03-02T09:01:30.000Z');
    expect(startOnThisClock(timer, '2026-03-02T10:01:30.000Z', receivedAt)).toBe(
      Date.parse('2026-03-02T09:00:00.000Z'),
    );
  });

  it('shows elapsed time as minutes and seconds, with hours once past one', () => {
    expect(formatElapsed(0)).toBe('00:00');
    expect(formatElapsed(65)).toBe('01:05');
    expect(formatElapsed(3725)).toBe('1:02:05');
    expect(formatElapsed(-3)).toBe('00:00');
  });
});
