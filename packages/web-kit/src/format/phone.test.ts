import { describe, expect, it } from 'vitest';
import { formatIndianMobile, toIndianMobile } from './phone.ts';

describe('toIndianMobile', () => {
  it('adds +91 to a 10-digit mobile number, however it is spaced', () => {
    expect(toIndianMobile('9876543210')).toBe('+919876543210');
    expect(toIndianMobile(' 98765 43210 ')).toBe('+919876543210');
    expect(toIndianMobile('98765-43210')).toBe('+919876543210');
  });

  it('accepts the number with +91, 91 or a trunk 0 in front', () => {
    expect(toIndianMobile('+91 98765 43210')).toBe('+919876543210');
    expect(toIndianMobile('+91-(98765) 43210')).toBe('+919876543210');
    expect(toIndianMobile('919876543210')).toBe('+919876543210');
    expect(toIndianMobile('09876543210')).toBe('+919876543210');
  });

  it('leaves anything else to the server, which says what is wrong with it', () => {
    expect(toIndianMobile('+44 20 7946 0958')).toBe('+44 20 7946 0958');
    expect(toIndianMobile('12345 67890')).toBe('12345 67890');
    expect(toIndianMobile('98765 4321')).toBe('98765 4321');
    expect(toIndianMobile('')).toBe('');
  });
});

describe('formatIndianMobile', () => {
  it('spaces an Indian number the way it is read out', () => {
    expect(formatIndianMobile('+919876543210')).toBe('+91 98765 43210');
  });

  it('leaves other numbers as they are', () => {
    expect(formatIndianMobile('+442079460958')).toBe('+442079460958');
  });
});
