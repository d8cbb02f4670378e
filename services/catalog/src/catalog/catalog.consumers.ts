import { channels } from '@zefy/contracts';
import { onEvents, pushEvents, type Subscription } from '@zefy/platform';
import type { CatalogDeps } from '../deps.ts';
import { countServiceInCategory } from './catalog.repository.ts';

export const categoryStatsGroup = 'catalog.category-stats';
export const catalogRealtimeGroup = 'catalog.realtime';
export const publicListGroup = 'catalog.public-list';

/**
 * Keeps the per-category service counts; has every instance read the public list again after a change
 * (one instance consumes each event, the version it replaces is shared); tells every signed-in app about a
 * new service.
 */
export function catalogSubscriptions(deps: CatalogDeps): Subscription[] {
  return [
    onEvents(deps.db, categoryStatsGroup, {
      'catalog.service_created': (data, tx) => countServiceInCategory(tx, data.category),
    }),
    onEvents(deps.db, publicListGroup, {
      'catalog.service_created': () => deps.publicList.invalidate(),
      'catalog.service_updated': () => deps.publicList.invalidate(),
    }),
    pushEvents(deps, catalogRealtimeGroup, {
      'catalog.service_created': () => [channels.catalog],
    }),
  ];
}
