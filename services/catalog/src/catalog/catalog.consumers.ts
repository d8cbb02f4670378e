import { handleOnce, isEvent, type ServiceContext, type Subscription } from '@zefy/platform';
import { countServiceInCategory } from './catalog.repository.ts';

export const categoryStatsGroup = 'catalog.category-stats';

/** Keeps the per-category service counts, once per event however often the bus delivers it. */
export function catalogSubscriptions(context: ServiceContext): Subscription[] {
  return [
    {
      group: categoryStatsGroup,
      eventTypes: ['catalog.service_created'],
      async handler(event) {
        if (!isEvent(event, 'catalog.service_created')) return;
        const isFirstDelivery = await handleOnce(context.db, categoryStatsGroup, event, (tx) =>
          countServiceInCategory(tx, event.data.category),
        );
        if (isFirstDelivery)
          await context.realtime.publish('catalog', { type: 'event', channel: 'catalog', event });
      },
    },
  ];
}
