import { describe, expect, it } from 'vitest';
import { formatPaise, formatRupees } from './money.ts';

describe('formatPaise', () => {
  it('shows rupees with two decimals', () => {
    expect(formatPaise(29900)).toBe('₹299.00');
    expect(formatPaise(1999)).toBe('₹19.99');
    expect(formatPaise(0)).toBe('₹0.00');
  });

  it('groups thousands and lakhs the Indian way', () => {
    expect(formatPaise(12345600)).toBe('₹1,23,456.00');
    expect(formatPaise(2499900)).toBe('₹24,999.00');
  });
});

describe('formatRupees', () => {
  it('leaves the paise out of a whole amount', () => {
    expect(formatRupees(149900)).toBe('₹1,499');
    expect(formatRupees(0)).toBe('₹0');
    expect(formatRupees(12345600)).toBe('₹1,23,456');
  });

  it('shows the paise of an amount that has them, so a total adds up', () => {
    expect(formatRupees(176882)).toBe('₹1,768.82');
    expect(formatRupees(5)).toBe('₹0.05');
    expect(formatRupees(150)).toBe('₹1.50');
  });
});
