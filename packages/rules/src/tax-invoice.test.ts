import { describe, expect, it } from 'vitest';
import {
  defaultServiceSac,
  financialYearOf,
  formatInvoiceNumber,
  invoiceSeriesCandidates,
  maxInvoiceNumberLength,
  sacOf,
  spareInvoiceSeries,
} from './tax-invoice.ts';

describe('a tax invoice number', () => {
  it('counts in the financial year of the hub’s calendar, April to March', () => {
    const kolkata = 'Asia/Kolkata';
    expect(financialYearOf(Date.parse('2026-04-01T00:00:00+05:30'), kolkata)).toBe('2026-27');
    // 31 March 23:59 in Bengaluru is still the year before, though it is already 18:29 UTC
    expect(financialYearOf(Date.parse('2026-03-31T23:59:00+05:30'), kolkata)).toBe('2025-26');
    expect(financialYearOf(Date.parse('2026-03-31T18:30:00Z'), kolkata)).toBe('2026-27');
    expect(financialYearOf(Date.parse('2099-12-31T12:00:00Z'), kolkata)).toBe('2099-00');
  });

  it('reads SERIES/FY/SERIAL, within the 16 characters GST allows', () => {
    const number = formatInvoiceNumber('KORA', '2026-27', 123);
    expect(number).toBe('KORA/2627/000123');
    expect(number.length).toBeLessThanOrEqual(maxInvoiceNumberLength);
    expect(number).toMatch(/^[A-Z0-9/-]+$/);
    expect(formatInvoiceNumber('KORA', '2026-27', 999_999).length).toBe(maxInvoiceNumberLength);
    expect(() => formatInvoiceNumber('KORA', '2026-27', 0)).toThrow(RangeError);
  });

  it('takes a series from the hub’s name, with a digit for a name another hub starts with', () => {
    expect(invoiceSeriesCandidates('Koramangala')).toEqual([
      'KORA',
      ...Array.from({ length: 9 }, (_, index) => `KOR${index + 1}`),
    ]);
    expect(invoiceSeriesCandidates('HSR Layout')[0]).toBe('HSRL');
    expect(invoiceSeriesCandidates('Ôî')[0]).toBe('HUB');
    for (const candidate of invoiceSeriesCandidates('J. P. Nagar'))
      expect(candidate).toMatch(/^[A-Z0-9]{3,4}$/);
  });

  it('has spare series for hubs whose names’ series are all taken', () => {
    expect(spareInvoiceSeries(0)).toBe('Z000');
    expect(spareInvoiceSeries(36)).toBe('Z010');
    expect(spareInvoiceSeries(36 ** 3 - 1)).toBe('ZZZZ');
    expect(() => spareInvoiceSeries(36 ** 3)).toThrow(RangeError);
  });
});

describe("a service's SAC", () => {
  it('is the skill’s, or cleaning’s when none is known', () => {
    expect(sacOf('deep-cleaner')).toBe('998533');
    expect(sacOf('barber')).toBe('999721');
    expect(sacOf('gardener')).toBe(defaultServiceSac);
    expect(sacOf(null)).toBe('998533');
  });
});
