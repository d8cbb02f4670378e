import { runStandaloneService } from '@zefy/platform';
import { trackingService } from './index.ts';

await runStandaloneService(trackingService);
