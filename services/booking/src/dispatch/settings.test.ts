import { describe, expect, it } from 'vitest';
import { checkDispatchSettings, dispatchDefaults } from './settings.ts';

describe('dispatch settings', () => {
  it('are valid by default', () => {
    expect(checkDispatchSettings(dispatchDefaults)).toEqual([]);
  });

  it('refuse an accept grace over 10 s, a fractional count and an escalation at or after the hard limit', () => {
    expect(
      checkDispatchSettings({
        ...dispatchDefaults,
        acceptGraceSeconds: 11,
        firstWaveSize: 2.5,
        escalateAfterSeconds: 600,
      }),
    ).toEqual([
      'acceptGraceSeconds must be an integer from 0 to 10',
      'firstWaveSize must be an integer from 1 to 1000',
      'escalateAfterSeconds must be less than hardLimitSeconds',
    ]);
  });

  it('take a fractional reputation threshold but not one above 5', () => {
    expect(checkDispatchSettings({ ...dispatchDefaults, reputationThreshold: 4.25 })).toEqual([]);
    expect(checkDispatchSettings({ ...dispatchDefaults, reputationThreshold: 5.5 })).toEqual([
      'reputationThreshold must be a number from 0 to 5',
    ]);
  });
});
