import { describe, expect, it } from 'vitest';
import { formatBadgeCount, formatSlug, initialsOf } from './label.ts';

describe('formatSlug', () => {
  it('turns a category slug into a label', () => {
    expect(formatSlug('appliance-repair')).toBe('Appliance repair');
    expect(formatSlug('cleaning')).toBe('Cleaning');
  });
});

describe('formatBadgeCount', () => {
  it('shows up to two digits, and 99+ beyond', () => {
    expect([1, 99, 100, 2500].map(formatBadgeCount)).toEqual(['1', '99', '99+', '99+']);
  });
});

describe('initialsOf', () => {
  it('takes the first and last names’ initials, one for a single name, none for nothing', () => {
    expect(initialsOf('Ravi Kumar')).toBe('RK');
    expect(initialsOf('  asha  devi rao ')).toBe('AR');
    expect(initialsOf('Asha')).toBe('A');
    expect(initialsOf('')).toBe('');
  });
});
