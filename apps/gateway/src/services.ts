import { catalogService } from '@zefy/catalog';
import { paymentsService } from '@zefy/payments';
import type { ServiceModule } from '@zefy/platform';

/** Every bounded context of the platform, in start-up order. */
export const serviceModules: readonly ServiceModule[] = [catalogService, paymentsService];
