import { runStandaloneService } from '@zefy/platform';
import { notificationsService } from './index.ts';

await runStandaloneService(notificationsService);
