import { fileURLToPath } from 'node:url';
import { bookingRoutes } from '@zefy/contracts';
import type { ServiceModule } from '@zefy/platform';
import { registerAvailabilityRoutes } from './availability/availability.routes.ts';
import { bookingSubscriptions } from './booking/booking.consumers.ts';
import { registerBookingRoutes } from './booking/booking.routes.ts';
import { startHoldSweeper } from './booking/booking.sweeper.ts';
import { type BookingConfig, loadBookingConfig } from './config.ts';
import { registerPresenceRoutes } from './presence/presence.routes.ts';
import { registerScheduleRoutes } from './schedule/schedule.routes.ts';

export { bookingRealtimeGroup } from './booking/booking.consumers.ts';
export type { BookingConfig } from './config.ts';

/**
 * The booking service. Settings come from `config`, else from BOOKING_* variables read when the service
 * starts (not when this module is imported), so a test can set them before starting the platform.
 */
export function createBookingService(options: { config?: Partial<BookingConfig> } = {}): ServiceModule {
  const config = (): BookingConfig => ({ ...loadBookingConfig(), ...options.config });
  return {
    name: 'booking',
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    routes: Object.values(bookingRoutes),
    registerRoutes(app, context) {
      const settings = config();
      registerAvailabilityRoutes(app, context, settings);
      registerBookingRoutes(app, context);
      registerScheduleRoutes(app, context);
      registerPresenceRoutes(app, context, settings);
    },
    subscriptions: bookingSubscriptions,
    start: (context) => startHoldSweeper(context, config().sweepIntervalMs),
  };
}

export const bookingService: ServiceModule = createBookingService();
