import { ConfigError, loadConfig } from '@zefy/platform';
import { type Static, type TInteger, type TNumber, Type } from 'typebox';
import type { CancellationFee, CancellationPolicy } from './booking/cancellation.ts';
import {
  checkDispatchSettings,
  type DispatchSettings,
  dispatchDefaults,
  dispatchSettingRanges,
} from './dispatch/settings.ts';

/** `offerWindowSeconds` → `BOOKING_DISPATCH_OFFER_WINDOW_SECONDS`: one variable per dispatch setting. */
export const dispatchVariable = (setting: keyof DispatchSettings): string =>
  `BOOKING_DISPATCH_${setting.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;

const dispatchSettingNames = Object.keys(dispatchDefaults) as Array<keyof DispatchSettings>;

const DispatchEnv: Record<string, TInteger | TNumber> = Object.fromEntries(
  dispatchSettingNames.map((setting) => {
    const [minimum, maximum, kind] = dispatchSettingRanges[setting];
    const options = {
      minimum,
      maximum,
      default: dispatchDefaults[setting],
      description: `${kind === 'integer' ? 'an integer' : 'a number'} from ${minimum} to ${maximum}`,
    };
    return [dispatchVariable(setting), kind === 'integer' ? Type.Integer(options) : Type.Number(options)];
  }),
);

/** Booking's own variables (ServiceModule.env): validated at start-up by whichever process runs booking. */
export const BookingEnv = Type.Object({
  BOOKING_HOLD_TTL_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 600,
    description: 'an integer from 1 to 3600 (how long a hold keeps a partner while the customer pays)',
  }),
  BOOKING_SWEEP_INTERVAL_MS: Type.Integer({
    minimum: 50,
    maximum: 600_000,
    default: 5000,
    description: 'an integer from 50 to 600000 (how often lapsed holds are expired)',
  }),
  BOOKING_PRESENCE_FRESH_SECONDS: Type.Integer({
    minimum: 5,
    maximum: 600,
    default: 60,
    description: 'an integer from 5 to 600 (a heartbeat older than this means offline)',
  }),
  BOOKING_NOW_LEAD_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 240,
    default: 30,
    description: 'an integer from 0 to 240 (travel time a "now" hold reserves before the job)',
  }),
  BOOKING_SLOT_LEAD_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 1440,
    default: 60,
    description: 'an integer from 0 to 1440 (the earliest slot starts this long from now)',
  }),
  BOOKING_HORIZON_DAYS: Type.Integer({
    minimum: 1,
    maximum: 30,
    default: 7,
    description: 'an integer from 1 to 30 (days of slots offered)',
  }),
  BOOKING_MAX_UNPAID_HOLDS: Type.Integer({
    minimum: 1,
    maximum: 50,
    default: 2,
    description: 'an integer from 1 to 50 (holds one customer may keep unpaid at once)',
  }),
  BOOKING_DISPATCH_TICK_MS: Type.Integer({
    minimum: 50,
    maximum: 60_000,
    default: 1000,
    description: 'an integer from 50 to 60000 (how often due dispatch rounds are looked at)',
  }),
  BOOKING_CANCEL_FEE: Type.String({
    pattern: '^(\\d{1,7}|\\d{1,2}%|100%)$',
    default: '5000',
    description:
      'what a cancellation after a partner is assigned keeps: paise ("5000" = ₹50) or a percentage of what was paid ("10%")',
  }),
  BOOKING_CANCEL_NO_REFUND_AFTER_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 240,
    default: 10,
    description:
      'an integer from 0 to 240 (once the partner has been on the way this long, a cancellation refunds nothing)',
  }),
  BOOKING_CHANNEL_REPLAY_LIMIT: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 100,
    description:
      'an integer from 1 to 100 (a live channel watcher who missed more changes gets a snapshot instead of a replay)',
  }),
  ...DispatchEnv,
});
export type BookingEnv = Static<typeof BookingEnv>;

export interface BookingConfig {
  holdTtlSeconds: number;
  sweepIntervalMs: number;
  presenceFreshSeconds: number;
  nowLeadMinutes: number;
  slotLeadMinutes: number;
  horizonDays: number;
  maxUnpaidHolds: number;
  dispatchTickMs: number;
  channelReplayLimit: number;
  cancellation: CancellationPolicy;
  dispatch: DispatchSettings;
}

/**
 * Booking's settings from the process configuration (`context.config`: the gateway or the service's own
 * process validated BOOKING_* there); whatever is absent takes its default.
 */
export function bookingConfigFrom(processConfig: Readonly<Record<string, unknown>>): BookingConfig {
  const env = Object.fromEntries(
    Object.keys(BookingEnv.properties).flatMap((name) =>
      processConfig[name] === undefined ? [] : [[name, String(processConfig[name])]],
    ),
  );
  const config = loadConfig(BookingEnv, env);
  return {
    holdTtlSeconds: config.BOOKING_HOLD_TTL_SECONDS,
    sweepIntervalMs: config.BOOKING_SWEEP_INTERVAL_MS,
    presenceFreshSeconds: config.BOOKING_PRESENCE_FRESH_SECONDS,
    nowLeadMinutes: config.BOOKING_NOW_LEAD_MINUTES,
    slotLeadMinutes: config.BOOKING_SLOT_LEAD_MINUTES,
    horizonDays: config.BOOKING_HORIZON_DAYS,
    maxUnpaidHolds: config.BOOKING_MAX_UNPAID_HOLDS,
    dispatchTickMs: config.BOOKING_DISPATCH_TICK_MS,
    channelReplayLimit: config.BOOKING_CHANNEL_REPLAY_LIMIT,
    cancellation: {
      fee: cancellationFeeOf(config.BOOKING_CANCEL_FEE),
      noRefundAfterEnRouteMinutes: config.BOOKING_CANCEL_NO_REFUND_AFTER_MINUTES,
    },
    dispatch: dispatchSettingsFrom(config),
  };
}

/** "5000" → ₹50 flat; "10%" → a tenth of what was paid (the pattern admits nothing else). */
const cancellationFeeOf = (value: string): CancellationFee =>
  value.endsWith('%')
    ? { kind: 'percent', percent: Number(value.slice(0, -1)) }
    : { kind: 'flat', paise: Number(value) };

function dispatchSettingsFrom(config: Readonly<Record<string, unknown>>): DispatchSettings {
  const settings = Object.fromEntries(
    dispatchSettingNames.map((setting) => [setting, config[dispatchVariable(setting)]]),
  ) as unknown as DispatchSettings;
  const problems = checkDispatchSettings(settings);
  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration: BOOKING_DISPATCH_* ${problems.join('; ')}`);
  return settings;
}
