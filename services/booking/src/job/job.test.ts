import type { Actor } from '@zefy/contracts';
import { given } from '@zefy/platform/testing';
import { describe, expect, it } from 'vitest';
import { type JobCommand, type JobEvent, jobOtpDecider, maxFailedAttempts } from './job.ts';

const now = new Date('2026-03-02T10:00:00.000Z');
const ids = { bookingId: 'b-1', customerId: 'cust-1', hubId: 'hub-1' };
const partner: Actor = { kind: 'partner', id: 'p-1' };
const system: Actor = { kind: 'system', id: 'booking' };
const admin: Actor = { kind: 'admin', id: 'admin-1' };
const at = (minutes: number, actor: Actor = partner) => ({
  actor,
  now: new Date(now.getTime() + minutes * 60_000),
});

const issued: JobEvent = { type: 'booking.otps_issued', data: { ...ids, partnerId: 'p-1' } };
const submit = (
  isCorrect: boolean,
  stage: 'early' | 'due' | 'done' = 'due',
  assigneeId: string | null = 'p-1',
): JobCommand => ({
  type: 'SubmitOtp',
  kind: 'start',
  stage,
  isCorrect,
  assigneeId,
});
const rejected = (failedAttempts: number, minutes: number): JobEvent => ({
  type: 'booking.otp_rejected',
  data: {
    ...ids,
    partnerId: 'p-1',
    kind: 'start',
    failedAttempts,
    rejectedAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
  },
});
const misses = (count: number, everyMinutes = 1) =>
  Array.from({ length: count }, (_, i) => rejected(i + 1, i * everyMinutes));

describe('issuing codes', () => {
  it('issues the first codes to the assigned partner, and new ones to a new partner', () => {
    const state = given(jobOtpDecider)
      .when({ type: 'IssueOtps', ...ids, partnerId: 'p-1', assigneeId: 'p-1' }, at(0, system))
      .thenEmits(issued);
    expect(state).toMatchObject({ status: 'issued', generations: { start: 1, end: 1 }, lockedAt: null });
    given(jobOtpDecider, issued)
      .when({ type: 'IssueOtps', ...ids, partnerId: 'p-1', assigneeId: 'p-1' }, at(0, system))
      .thenEmits();
    const reassigned = given(jobOtpDecider, issued)
      .when({ type: 'IssueOtps', ...ids, partnerId: 'p-2', assigneeId: 'p-2' }, at(0, system))
      .thenEmits({ type: 'booking.otps_issued', data: { ...ids, partnerId: 'p-2' } });
    expect(reassigned).toMatchObject({ partnerId: 'p-2', generations: { start: 2, end: 2 } });
  });

  it('issues nothing for an assignment the booking no longer has (a reassignment came first)', () => {
    const reassigned = { type: 'booking.otps_issued' as const, data: { ...ids, partnerId: 'p-2' } };
    given(jobOtpDecider, reassigned)
      .when({ type: 'IssueOtps', ...ids, partnerId: 'p-1', assigneeId: 'p-2' }, at(0, system))
      .thenEmits();
    given(jobOtpDecider)
      .when({ type: 'IssueOtps', ...ids, partnerId: 'p-1', assigneeId: null }, at(0, system))
      .thenEmits();
  });
});

describe('entering a code', () => {
  it('accepts the right code from the assigned partner with nothing to record', () => {
    given(jobOtpDecider, issued).when(submit(true), at(0)).thenEmits();
  });

  it('answers a repeated right code the same once the job moved on', () => {
    given(jobOtpDecider, issued).when(submit(true, 'done'), at(0)).thenEmits();
  });

  it('refuses another partner, a customer, and a code that is not due', () => {
    given(jobOtpDecider, issued)
      .when(submit(true), at(0, { kind: 'partner', id: 'p-2' }))
      .thenRefuses('JOB.NOT_ASSIGNEE');
    given(jobOtpDecider)
      .when(submit(true, 'due', null), at(0))
      .thenRefuses('JOB.NOT_ASSIGNEE');
    // the booking has a new partner whose codes are not issued yet: neither partner gets in
    given(jobOtpDecider, issued)
      .when(submit(true, 'due', 'p-2'), at(0, { kind: 'partner', id: 'p-1' }))
      .thenRefuses('JOB.NOT_ASSIGNEE');
    given(jobOtpDecider, issued)
      .when(submit(true, 'due', 'p-2'), at(0, { kind: 'partner', id: 'p-2' }))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(jobOtpDecider, issued)
      .when(submit(true), at(0, { kind: 'customer', id: 'cust-1' }))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    given(jobOtpDecider, issued)
      .when(submit(true, 'early'), at(0))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
  });

  it('records a wrong code with the misses counted in the window', () => {
    given(jobOtpDecider, issued).when(submit(false), at(0)).thenEmits(rejected(1, 0));
    given(jobOtpDecider, issued, ...misses(2))
      .when(submit(false), at(2))
      .thenEmits(rejected(3, 2));
  });

  it(`locks after ${maxFailedAttempts} wrong codes in ten minutes, even the right code then`, () => {
    const state = given(jobOtpDecider, issued, ...misses(4))
      .when(submit(false), at(4))
      .thenEmits(rejected(5, 4), {
        type: 'booking.otp_locked',
        data: { ...ids, partnerId: 'p-1', kind: 'start', lockedAt: at(4).now.toISOString() },
      });
    expect(state).toMatchObject({ lockedAt: at(4).now.toISOString() });
    given(jobOtpDecider, issued, ...misses(4), rejected(5, 4), {
      type: 'booking.otp_locked',
      data: { ...ids, partnerId: 'p-1', kind: 'start', lockedAt: at(4).now.toISOString() },
    })
      .when(submit(true), at(5))
      .thenRefuses('JOB.OTP_LOCKED');
  });

  it('forgets misses older than ten minutes', () => {
    // four misses three minutes apart: the first has left the window by the fifth
    given(jobOtpDecider, issued, ...misses(4, 3))
      .when(submit(false), at(12))
      .thenEmits(rejected(4, 12));
  });
});

describe('reissuing', () => {
  it('lets the team issue a new code of a kind, lifting the lock and the misses', () => {
    const locked: JobEvent = {
      type: 'booking.otp_locked',
      data: { ...ids, partnerId: 'p-1', kind: 'start', lockedAt: now.toISOString() },
    };
    const state = given(jobOtpDecider, issued, ...misses(5), locked)
      .when({ type: 'ReissueOtp', kind: 'start', reason: 'customer misread it' }, at(6, admin))
      .thenEmits({
        type: 'booking.otp_reissued',
        data: { ...ids, kind: 'start', reason: 'customer misread it' },
      });
    expect(state).toMatchObject({ generations: { start: 2, end: 1 }, failures: [], lockedAt: null });
    given(jobOtpDecider, issued)
      .when({ type: 'ReissueOtp', kind: 'start', reason: 'x' }, at(0, partner))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    given(jobOtpDecider)
      .when({ type: 'ReissueOtp', kind: 'start', reason: 'x' }, at(0, admin))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
  });
});
