import { runStandaloneService } from '@zefy/platform';
import { locationsService } from './index.ts';

await runStandaloneService(locationsService);
