import { fileURLToPath } from 'node:url';
import { bookingRoutes, dispatchRoutes, jobRoutes } from '@zefy/contracts';
import { everyJob, type ServiceModule } from '@zefy/platform';
import { registerAdminRoutes } from './admin/admin.routes.ts';
import { registerAvailabilityRoutes } from './availability/availability.routes.ts';
import { sweepLapsedHolds } from './booking/booking.commands.ts';
import { bookingSubscriptions } from './booking/booking.consumers.ts';
import { registerBookingRoutes } from './booking/booking.routes.ts';
import { type BookingConfig, BookingEnv } from './config.ts';
import { registerDashboardRoutes } from './dashboard/dashboard.routes.ts';
import { type BookingDeps, wireBooking } from './deps.ts';
import { tickDueRounds } from './dispatch/dispatch.commands.ts';
import { dispatchSubscriptions } from './dispatch/dispatch.consumers.ts';
import { dispatchOnDuty, registerDispatchRoutes } from './dispatch/dispatch.routes.ts';
import { registerHistoryRoutes } from './history/history.routes.ts';
import { jobSubscriptions } from './job/job.consumers.ts';
import { registerJobRoutes } from './job/job.routes.ts';
import { paymentSubscriptions } from './payments/payments.consumers.ts';
import { registerPresenceRoutes } from './presence/presence.routes.ts';
import { projectionSubscriptions } from './projections/projections.consumers.ts';
import { registerRatingRoutes } from './ratings/ratings.routes.ts';
import { registerScheduleRoutes } from './schedule/schedule.routes.ts';

export {
  bookingChannelGroup,
  bookingRealtimeGroup,
  bookingTrackingGroup,
} from './booking/booking.consumers.ts';
export type { BookingConfig } from './config.ts';
export type { BookingDeps } from './deps.ts';
export {
  dispatchGroup as bookingDispatchGroup,
  dispatchRealtimeGroup as bookingDispatchRealtimeGroup,
} from './dispatch/dispatch.consumers.ts';
export {
  jobGroup as bookingJobGroup,
  jobRealtimeGroup as bookingJobRealtimeGroup,
} from './job/job.consumers.ts';
export { paymentsGroup as bookingPaymentsGroup } from './payments/payments.consumers.ts';
export { projectionsGroup as bookingProjectionsGroup } from './projections/projections.consumers.ts';
export { type BookingSeed, seedBooking } from './schedule/schedule.seed.ts';

/**
 * Availability, capacity holds and the booking lifecycle. Settings come from BOOKING_* variables (see
 * config.ts), overridden by `config` (tests).
 */
export function createBookingService(
  options: { config?: Partial<BookingConfig> } = {},
): ServiceModule<BookingDeps> {
  return {
    name: 'booking',
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    contracts: [
      ...Object.values(bookingRoutes),
      ...Object.values(dispatchRoutes),
      ...Object.values(jobRoutes),
    ],
    env: BookingEnv,
    wire: (context) => wireBooking(context, options.config),
    routes(app, deps) {
      registerAvailabilityRoutes(app, deps);
      registerBookingRoutes(app, deps);
      registerScheduleRoutes(app, deps);
      registerPresenceRoutes(app, deps, dispatchOnDuty(deps));
      registerAdminRoutes(app, deps);
      registerDashboardRoutes(app, deps);
      registerDispatchRoutes(app, deps);
      registerJobRoutes(app, deps);
      registerRatingRoutes(app, deps);
      registerHistoryRoutes(app, deps);
    },
    subscriptions: (deps) => [
      ...bookingSubscriptions(deps),
      ...projectionSubscriptions(deps),
      ...paymentSubscriptions(deps),
      ...dispatchSubscriptions(deps),
      ...jobSubscriptions(deps),
    ],
    // every instance sweeps and ticks; SKIP LOCKED hands each lapsed hold and each due round to one of them
    jobs: (deps) => [
      everyJob('hold-sweeper', { everyMs: deps.settings.sweepIntervalMs, logger: deps.logger }, () =>
        sweepLapsedHolds(deps),
      ),
      everyJob(
        'dispatch-tick',
        { everyMs: deps.settings.dispatchTickMs, logger: deps.logger, wake: deps.dispatchTick },
        (signal) => tickDueRounds(deps, signal),
      ),
    ],
  };
}

export const bookingService = createBookingService();
