import { describe, expect, it } from 'vitest';
import { describeExtraCharge, formatMinutes, formatTaxRate } from './service-terms.ts';

describe('formatMinutes', () => {
  it('says minutes under an hour, hours and minutes above', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(75)).toBe('1 h 15 min');
    expect(formatMinutes(300)).toBe('5 h');
  });
});

describe('formatTaxRate', () => {
  it('shows basis points as a percentage', () => {
    expect(formatTaxRate(1800)).toBe('18%');
    expect(formatTaxRate(1850)).toBe('18.5%');
  });
});

describe('describeExtraCharge', () => {
  const service = {
    includedMinutes: 75,
    extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 149_00 },
    taxRateBasisPoints: 1800,
  };

  it('names the included time, the free grace, and the price of each block started after it', () => {
    expect(describeExtraCharge(service)).toBe(
      'The price covers 1 h 15 min of work. If the job runs longer, the first 10 min are free; after that, every 30 min started costs ₹149 + 18% GST.',
    );
  });

  it('leaves out the grace when there is none, and GST when the rate is zero', () => {
    expect(
      describeExtraCharge({
        ...service,
        extraCharge: { ...service.extraCharge, graceMinutes: 0 },
        taxRateBasisPoints: 0,
      }),
    ).toBe('The price covers 1 h 15 min of work. If the job runs longer, every 30 min started costs ₹149.');
  });

  it('says extra time is free when the rule charges nothing for it', () => {
    expect(
      describeExtraCharge({ ...service, extraCharge: { ...service.extraCharge, blockPricePaise: 0 } }),
    ).toBe('The price covers 1 h 15 min of work. Extra time costs nothing.');
  });
});
