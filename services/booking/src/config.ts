import { loadConfig } from '@zefy/platform';
import { type Static, Type } from 'typebox';

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
});
export type BookingEnv = Static<typeof BookingEnv>;

export interface BookingConfig {
  holdTtlSeconds: number;
  sweepIntervalMs: number;
  presenceFreshSeconds: number;
  nowLeadMinutes: number;
  slotLeadMinutes: number;
  horizonDays: number;
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
  };
}
