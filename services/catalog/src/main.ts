import { runStandaloneService } from '@zefy/platform';
import { catalogService } from './index.ts';

await runStandaloneService(catalogService);
