import { describe, expect, it } from 'vitest';
import { formatPaise } from './money.ts';

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
