import { channels } from '@zefy/contracts';
import { onEvents, pushEvents, type Subscription } from '@zefy/platform';
import type { CatalogDeps } from '../deps.ts';
import { countServiceInCategory } from './catalog.repository.ts';

export const categoryStatsGroup = 'catalog.category-stats';
export const catalogRealtimeGroup = 'catalog.realtime';

/** Keeps the per-category service counts; tells every signed-in app about a new service. */
export function catalogSubscriptions(deps: CatalogDeps): Subscription[] {
  return [
    onEvents(deps.db, categoryStatsGroup, {
      'catalog.service_created': (data, tx) => countServiceInCategory(tx, data.category),
    }),
    pushEvents(deps, catalogRealtimeGroup, {
      'catalog.service_created': () => [channels.catalog],
    }),
  ];
}
