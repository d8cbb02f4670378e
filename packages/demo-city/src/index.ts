import { categories, services } from './catalog.ts';
import { addresses, admin, customers, hubs, partners, schedules } from './city.ts';

export { demoId, demoNamespace } from './ids.ts';

/**
 * Bengaluru as a demo city: 5 hubs, 5 categories and 13 services at realistic prices, 35 approved partners
 * (one of each trade per hub) with their working hours, 4 customers with 6 addresses (one outside every hub),
 * one admin. Pure data: every id is a UUIDv5 of a name, so each service's data set can refer to the others'.
 */
export const demoCity = {
  /** The seed marker: each service applies this data set once per database. */
  name: 'demo-city/bengaluru/v1',
  catalog: { categories, services },
  locations: { hubs, addresses },
  identity: { admin, partners, customers },
  booking: { schedules },
} as const;

export type DemoCity = typeof demoCity;
