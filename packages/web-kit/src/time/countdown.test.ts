import { describe, expect, it } from 'vitest';
import { formatCountdown, secondsSince, secondsUntil } from './countdown.ts';

describe('secondsUntil', () => {
  it('counts a started second as a whole one', () => {
    expect(secondsUntil(10_001, 0)).toBe(11);
    expect(secondsUntil(10_000, 0)).toBe(10);
  });

  it('stops at zero once the moment has passed', () => {
    expect(secondsUntil(1_000, 5_000)).toBe(0);
  });
});

describe('formatCountdown', () => {
  it('shows minutes and two-digit seconds', () => {
    expect(formatCountdown(87)).toBe('1:27');
    expect(formatCountdown(5)).toBe('0:05');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(600)).toBe('10:00');
  });
});

describe('secondsSince', () => {
  it('counts whole seconds waited, and nothing for a moment still to come', () => {
    expect(secondsSince(0, 90_999)).toBe(90);
    expect(secondsSince(5_000, 1_000)).toBe(0);
  });
});
