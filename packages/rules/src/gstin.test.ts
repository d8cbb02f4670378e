import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGstin, gstinCheckCharacter } from './gstin.ts';

// published GSTINs of registered businesses (Karnataka, Maharashtra, Tamil Nadu, Gujarat)
const known = [
  '29AAGCB7383J1Z4',
  '29AAICA3918J1ZE',
  '27AAPFU0939F1ZV',
  '27AAACR5055K1Z7',
  '33AAACH7409R1Z8',
  '24AAACC1206D1ZM',
];

const alphanumeric = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const digit = fc.constantFrom(...'0123456789');
/** The first 14 characters of a well-formed GSTIN, from any state, PAN and registration. */
const first14 = fc
  .tuple(
    fc.integer({ min: 1, max: 38 }),
    fc.array(letter, { minLength: 5, maxLength: 5 }),
    fc.array(digit, { minLength: 4, maxLength: 4 }),
    letter,
    fc.constantFrom(...'123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  )
  .map(
    ([state, panLetters, panDigits, panLast, entity]) =>
      `${String(state).padStart(2, '0')}${panLetters.join('')}${panDigits.join('')}${panLast}${entity}Z`,
  );

describe('checkGstin', () => {
  it('accepts published GSTINs', () => {
    for (const gstin of known) expect(checkGstin(gstin), gstin).toEqual({ ok: true, gstin });
  });

  it('forgives spaces around it and lower case, and gives the one spelling', () => {
    expect(checkGstin('  29aagcb7383j1z4 ')).toEqual({ ok: true, gstin: '29AAGCB7383J1Z4' });
  });

  it('names what is wrong', () => {
    const problemOf = (input: string) => {
      const checked = checkGstin(input);
      return checked.ok ? 'ok' : checked.problem;
    };
    expect(problemOf('')).toBe('length');
    expect(problemOf('29AAGCB7383J1Z')).toBe('length');
    expect(problemOf('29AAGCB7383J1Z44')).toBe('length');
    expect(problemOf('29AAGCB7383J1Z4'.repeat(1000))).toBe('length');
    expect(problemOf('29AAGCB7383J1Z\0')).toBe('characters');
    expect(problemOf('29AAGCB-383J1Z4')).toBe('characters');
    expect(problemOf('29AAGCB7383J1Zé')).toBe('characters');
    expect(problemOf('00AAGCB7383J1Z4')).toBe('state_code');
    expect(problemOf('39AAGCB7383J1Z4')).toBe('state_code');
    expect(problemOf('2AAAGCB7383J1Z4')).toBe('state_code');
    expect(problemOf('29AAGC17383J1Z4')).toBe('pan');
    expect(problemOf('29AAGCB738351Z4')).toBe('pan');
    expect(problemOf('29AAGCB7383J0Z4')).toBe('entity');
    expect(problemOf('29AAGCB7383J1Y4')).toBe('default_letter');
    expect(problemOf('29AAGCB7383J1Z5')).toBe('checksum');
  });

  it('accepts every well-formed GSTIN with its own check character, and no other check character', () => {
    fc.assert(
      fc.property(first14, alphanumeric, (start, last) => {
        const expected = gstinCheckCharacter(start);
        expect(checkGstin(`${start}${last}`).ok).toBe(last === expected);
      }),
    );
  });

  it('catches any one mistyped character', () => {
    fc.assert(
      fc.property(first14, fc.integer({ min: 0, max: 14 }), alphanumeric, (start, position, typed) => {
        const gstin = `${start}${gstinCheckCharacter(start)}`;
        fc.pre(gstin[position] !== typed);
        const mistyped = `${gstin.slice(0, position)}${typed}${gstin.slice(position + 1)}`;
        expect(checkGstin(mistyped).ok).toBe(false);
      }),
    );
  });

  it('never throws, and what it accepts has the shape of a GSTIN', () => {
    const character = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZaz Z\0é\uD800');
    fc.assert(
      fc.property(fc.string({ unit: character, maxLength: 20 }), (text) => {
        const checked = checkGstin(text);
        if (checked.ok) expect(checked.gstin).toMatch(/^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/);
      }),
    );
  });
});
