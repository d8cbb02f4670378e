import { bookingService } from '@zefy/booking';
import { catalogService } from '@zefy/catalog';
import { identityService } from '@zefy/identity';
import { locationsService } from '@zefy/locations';
import { notificationsService } from '@zefy/notifications';
import { paymentsService } from '@zefy/payments';
import type { ServiceModule } from '@zefy/platform';
import { trackingService } from '@zefy/tracking';

/** Every bounded context of the platform, in start-up order. */
export const serviceModules: readonly ServiceModule[] = [
  catalogService,
  identityService,
  locationsService,
  notificationsService,
  paymentsService,
  bookingService,
  trackingService,
];
