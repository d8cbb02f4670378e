import { runStandaloneService } from '@zefy/platform';
import { bookingService } from './index.ts';

await runStandaloneService(bookingService);
