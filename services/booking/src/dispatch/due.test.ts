import { describe, expect, it } from 'vitest';
import type { Round } from './dispatch.ts';
import { nextCheckOf } from './due.ts';
import { dispatchDefaults } from './settings.ts';
import { job } from './waves.fixture.ts';

const at = (time: string) => new Date(`2026-03-02T${time}Z`);
const round: Round = {
  status: 'offering',
  job: { ...job, earningPaise: 23_920 },
  deadlines: { escalateAt: '2026-03-02T10:03:00.000Z', giveUpAt: '2026-03-02T10:10:00.000Z' },
  wave: 1,
  lastWave: { trigger: 'head_start', sentAt: '2026-03-02T10:00:00.000Z' },
  escalatedAt: null,
  isPriority: false,
  standings: { open: ['p-1'] },
  assignment: null,
};

describe('when the tick looks at a round again', () => {
  it('at the end of the head start, the next wave', () => {
    expect(nextCheckOf(round, at('10:00:35'), at('10:00:00'), dispatchDefaults)).toEqual(at('10:00:10'));
  });

  it('just after the earliest open offer’s last instant to accept, then one offer window on', () => {
    const after = {
      ...round,
      lastWave: { trigger: 'open_to_all' as const, sentAt: '2026-03-02T10:00:10.000Z' },
    };
    expect(nextCheckOf(after, at('10:00:45'), at('10:00:20'), dispatchDefaults)).toEqual(
      new Date(at('10:00:45').getTime() + 1),
    );
    expect(nextCheckOf(after, null, at('10:00:50'), dispatchDefaults)).toEqual(at('10:01:20'));
  });

  it('at escalation, then at giving up once escalated', () => {
    const quiet = { ...round, lastWave: null };
    expect(nextCheckOf(quiet, null, at('10:02:45'), dispatchDefaults)).toEqual(at('10:03:00'));
    const escalated = { ...quiet, escalatedAt: '2026-03-02T10:03:00.000Z' };
    expect(nextCheckOf(escalated, null, at('10:09:50'), dispatchDefaults)).toEqual(at('10:10:00'));
  });

  it('at once for a deadline already past, but not for a head start already over', () => {
    expect(nextCheckOf({ ...round, lastWave: null }, null, at('10:04:00'), dispatchDefaults)).toEqual(
      at('10:03:00'),
    );
    const escalated = { ...round, escalatedAt: '2026-03-02T10:03:00.000Z' };
    expect(nextCheckOf(escalated, null, at('10:05:00'), dispatchDefaults)).toEqual(at('10:05:30'));
  });

  it('never, once the round no longer offers the job', () => {
    expect(nextCheckOf({ ...round, status: 'assigned' }, null, at('10:00:00'), dispatchDefaults)).toBeNull();
    expect(nextCheckOf({ status: 'none' }, null, at('10:00:00'), dispatchDefaults)).toBeNull();
  });
});
