import { runStandaloneService } from '@zefy/platform';
import { identityService } from './index.ts';

await runStandaloneService(identityService);
