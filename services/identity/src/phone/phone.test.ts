import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it('accepts E.164 numbers and strips the formatting people type', () => {
    expect(normalizePhone('+919876543210')).toEqual({ ok: true, phone: '+919876543210' });
    expect(normalizePhone(' +91 98765-43210 ')).toEqual({ ok: true, phone: '+919876543210' });
    expect(normalizePhone('(+44) 20.7946.0958')).toEqual({ ok: true, phone: '+442079460958' });
    expect(normalizePhone('0014155552671')).toEqual({ ok: true, phone: '+14155552671' });
  });

  it('refuses numbers without a country code, with letters, or of impossible length', () => {
    expect(normalizePhone('9876543210')).toMatchObject({ ok: false, reason: expect.stringContaining('+') });
    expect(normalizePhone('+91 98765 4321O').ok).toBe(false);
    expect(normalizePhone('+1234567').ok).toBe(false);
    expect(normalizePhone('+1234567890123456').ok).toBe(false);
    expect(normalizePhone('+0123456789').ok).toBe(false);
    expect(normalizePhone('').ok).toBe(false);
  });

  it('requires Indian numbers to be 10-digit mobiles', () => {
    expect(normalizePhone('+91 12345 67890')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('6 to 9'),
    });
    expect(normalizePhone('+91 98765 4321').ok).toBe(false);
    expect(normalizePhone('+91 98765 432100').ok).toBe(false);
  });

  it('yields only E.164 strings, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (input) => {
        const result = normalizePhone(input);
        if (!result.ok) return;
        expect(result.phone).toMatch(/^\+[1-9]\d{7,14}$/);
        expect(normalizePhone(result.phone)).toEqual(result);
      }),
    );
  });
});

describe('maskPhone', () => {
  it('keeps the country code and the last three digits', () => {
    expect(maskPhone('+919876543210')).toBe('+91•••••••210');
  });
});
