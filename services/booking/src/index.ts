import { fileURLToPath } from 'node:url';
import { bookingRoutes } from '@zefy/contracts';
import type { ServiceContext, ServiceModule } from '@zefy/platform';
import { registerAdminRoutes } from './admin/admin.routes.ts';
import { registerAvailabilityRoutes } from './availability/availability.routes.ts';
import { bookingSubscriptions } from './booking/booking.consumers.ts';
import { registerBookingRoutes } from './booking/booking.routes.ts';
import { startHoldSweeper } from './booking/booking.sweeper.ts';
import { type BookingConfig, BookingEnv, bookingConfigFrom } from './config.ts';
import { paymentSubscriptions } from './payments/payments.consumers.ts';
import { registerPresenceRoutes } from './presence/presence.routes.ts';
import { projectionSubscriptions } from './projections/projections.consumers.ts';
import { registerScheduleRoutes } from './schedule/schedule.routes.ts';

export { bookingRealtimeGroup } from './booking/booking.consumers.ts';
export type { BookingConfig } from './config.ts';
export { paymentsGroup as bookingPaymentsGroup } from './payments/payments.consumers.ts';
export { projectionsGroup as bookingProjectionsGroup } from './projections/projections.consumers.ts';

/** The booking service. Settings come from BOOKING_* variables (see config.ts), overridden by `config`. */
export function createBookingService(options: { config?: Partial<BookingConfig> } = {}): ServiceModule {
  const config = (context: ServiceContext): BookingConfig => ({
    ...bookingConfigFrom(context.config),
    ...options.config,
  });
  return {
    name: 'booking',
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    routes: Object.values(bookingRoutes),
    registerRoutes(app, context) {
      const settings = config(context);
      registerAvailabilityRoutes(app, context, settings);
      registerBookingRoutes(app, context);
      registerScheduleRoutes(app, context);
      registerPresenceRoutes(app, context, settings);
      registerAdminRoutes(app, context);
    },
    subscriptions: (context) => [
      ...bookingSubscriptions(context),
      ...projectionSubscriptions(context),
      ...paymentSubscriptions(context),
    ],
    env: BookingEnv,
    start: (context) => startHoldSweeper(context, config(context).sweepIntervalMs),
  };
}

export const bookingService: ServiceModule = createBookingService();
