import { ConfigError } from '@zefy/platform';
import { describe, expect, it } from 'vitest';
import { bookingConfigFrom, dispatchVariable } from './config.ts';
import { dispatchDefaults } from './dispatch/settings.ts';

describe('booking configuration', () => {
  it('names one BOOKING_DISPATCH_* variable per dispatch setting, each defaulting to the domain’s value', () => {
    expect(dispatchVariable('offerWindowSeconds')).toBe('BOOKING_DISPATCH_OFFER_WINDOW_SECONDS');
    expect(dispatchVariable('maxOpenOffersPerPartner')).toBe('BOOKING_DISPATCH_MAX_OPEN_OFFERS_PER_PARTNER');
    expect(bookingConfigFrom({})).toMatchObject({ dispatchTickMs: 1000, dispatch: dispatchDefaults });
  });

  it('reads the variables the process validated', () => {
    const config = bookingConfigFrom({
      BOOKING_DISPATCH_OFFER_WINDOW_SECONDS: 20,
      BOOKING_DISPATCH_REPUTATION_THRESHOLD: '4.2',
      BOOKING_DISPATCH_TICK_MS: '250',
    });
    expect(config.dispatch).toMatchObject({ offerWindowSeconds: 20, reputationThreshold: 4.2 });
    expect(config.dispatchTickMs).toBe(250);
  });

  it('refuses a setting out of its range, and an escalation that would come after giving up', () => {
    expect(() => bookingConfigFrom({ BOOKING_DISPATCH_ACCEPT_GRACE_SECONDS: 11 })).toThrow(
      /BOOKING_DISPATCH_ACCEPT_GRACE_SECONDS must be an integer from 0 to 10/,
    );
    expect(() =>
      bookingConfigFrom({
        BOOKING_DISPATCH_ESCALATE_AFTER_SECONDS: 900,
        BOOKING_DISPATCH_HARD_LIMIT_SECONDS: 600,
      }),
    ).toThrow(ConfigError);
  });

  it('reads the cancellation fee in paise or as a percentage, and refuses anything else', () => {
    expect(bookingConfigFrom({}).cancellation).toEqual({
      fee: { kind: 'flat', paise: 5000 },
      noRefundAfterEnRouteMinutes: 10,
    });
    expect(
      bookingConfigFrom({ BOOKING_CANCEL_FEE: '10%', BOOKING_CANCEL_NO_REFUND_AFTER_MINUTES: '5' })
        .cancellation,
    ).toEqual({ fee: { kind: 'percent', percent: 10 }, noRefundAfterEnRouteMinutes: 5 });
    expect(bookingConfigFrom({ BOOKING_CANCEL_FEE: '100%' }).cancellation.fee).toEqual({
      kind: 'percent',
      percent: 100,
    });
    for (const wrong of ['₹50', '50.5', '101%', '-1', '10 %'])
      expect(() => bookingConfigFrom({ BOOKING_CANCEL_FEE: wrong })).toThrow(/BOOKING_CANCEL_FEE/);
  });
});
