import { describe, expect, it } from 'vitest';
import { describeLocationFailure } from './use-my-location.ts';

describe('describeLocationFailure', () => {
  it('tells a customer who blocked location how to allow it, and the way round it', () => {
    expect(describeLocationFailure(1)).toMatch(/Allow location for this site.*tap the map/);
  });

  it('offers the map when the device cannot find itself or takes too long', () => {
    expect(describeLocationFailure(2)).toMatch(/could not tell where you are.*Tap the map/);
    expect(describeLocationFailure(3)).toMatch(/took too long.*Try again/);
  });

  it('says so when the browser has no location at all', () => {
    expect(describeLocationFailure(null)).toMatch(/cannot share your location/);
  });
});
