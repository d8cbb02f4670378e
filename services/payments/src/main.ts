import { runStandaloneService } from '@zefy/platform';
import { paymentsService } from './index.ts';

await runStandaloneService(paymentsService);
