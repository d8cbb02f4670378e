import {
  type Cache,
  type Clock,
  createWake,
  type Database,
  type Logger,
  type RealtimePublisher,
  type ServiceContext,
  type Wake,
} from '@zefy/platform';
import { type BookingConfig, bookingConfigFrom } from './config.ts';

/** What booking's routes, commands, consumers and jobs share in one running instance. */
export interface BookingDeps {
  db: Database;
  cache: Cache;
  clock: Clock;
  logger: Logger;
  realtime: RealtimePublisher;
  settings: BookingConfig;
  /** Wakes the dispatch tick: a round became due (a partner came on duty or backed out of a job). */
  dispatchTick: Wake;
  /** Derives the customer's start and end codes (job/job.otp.ts); the same on every instance. */
  otpKey: Buffer;
}

/** Settings come from the BOOKING_* variables of the process (config.ts), then `overrides` (tests). */
export const wireBooking = (
  { db, cache, clock, logger, realtime, config, deriveKey }: ServiceContext,
  overrides: Partial<BookingConfig> = {},
): BookingDeps => ({
  db,
  cache,
  clock,
  logger,
  realtime,
  settings: { ...bookingConfigFrom(config), ...overrides },
  dispatchTick: createWake(),
  otpKey: deriveKey('booking.job-otps'),
});
