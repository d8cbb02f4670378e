import type { JobExtra } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import {
  approvedExtrasPaise,
  arrivalWords,
  clockInZone,
  formatElapsed,
  formatMinutes,
  punctualityWords,
} from './job-words.ts';

describe('the job in words', () => {
  it('shows elapsed time as a stopwatch, hours only once there are some', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(245)).toBe('4:05');
    expect(formatElapsed(725.9)).toBe('12:05');
    expect(formatElapsed(3725)).toBe('1:02:05');
    expect(formatElapsed(-3)).toBe('0:00');
  });

  it("tells the arrival in minutes and by the hub's clock, not the reader's", () => {
    const now = Date.parse('2026-03-02T05:05:00Z');
    expect(arrivalWords('2026-03-02T05:12:00Z', now, 'Asia/Kolkata')).toBe('Arrives in ~7 min, by 10:42');
    expect(arrivalWords('2026-03-02T06:20:00Z', now, 'Asia/Kolkata')).toBe(
      'Arrives in ~1 h 15 min, by 11:50',
    );
    expect(arrivalWords('2026-03-02T05:05:20Z', now, 'Asia/Kolkata')).toBe('Arriving now');
    expect(arrivalWords('2026-03-02T05:00:00Z', now, 'Asia/Kolkata')).toBe('Arriving now');
    expect(clockInZone('2026-03-02T18:30:00Z', 'Asia/Kolkata')).toBe('00:00');
  });

  it('says late or early by whole minutes, and nothing when on time', () => {
    expect(punctualityWords('late', 490)).toBe('Running about 8 min late');
    expect(punctualityWords('early', -300)).toBe('Running about 5 min early');
    expect(punctualityWords('late', 10)).toBe('Running about 1 min late');
    expect(punctualityWords('on_time', 0)).toBeNull();
  });

  it('writes durations in hours and minutes', () => {
    expect(formatMinutes(40)).toBe('40 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(65)).toBe('1 h 5 min');
  });

  it('totals only the extras the customer approved', () => {
    const extra = (status: JobExtra['status'], amountPaise: number): JobExtra => ({
      extraId: crypto.randomUUID(),
      kind: 'material',
      description: 'Descaling liquid',
      amountPaise,
      status,
      proposedAt: '2026-03-02T10:00:00.000Z',
      decidedAt: null,
    });
    expect(approvedExtrasPaise([])).toBe(0);
    expect(
      approvedExtrasPaise([extra('approved', 25_000), extra('declined', 40_000), extra('proposed', 500)]),
    ).toBe(25_000);
  });
});
