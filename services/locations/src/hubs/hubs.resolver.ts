import type { Sql } from '@zefy/platform';
import type { Position } from '@zefy/rules';
import { HubIndex, type Resolution, resolvePin } from './hub-index.ts';
import { currentHubRevision, loadActiveHubs } from './hubs.repository.ts';

export interface HubResolver {
  /** The index as of the latest committed hub revision (one indexed max() query when nothing changed). */
  index(sql: Sql): Promise<HubIndex>;
  resolve(sql: Sql, lat: number, lng: number): Promise<Resolution>;
}

/**
 * Each instance keeps the active hubs in memory and reloads them when the hubs' revision moves, so an edit
 * made through any instance is seen by every other on its next resolution, without a broadcast.
 */
export function createHubResolver(): HubResolver {
  let cached: { revision: number; index: HubIndex } | undefined;

  async function index(sql: Sql): Promise<HubIndex> {
    const revision = await currentHubRevision(sql);
    // any difference reloads: a reset (npm run seed -- --reset) can move the maximum down as well as up
    if (cached && cached.revision === revision) return cached.index;
    const loaded = await loadActiveHubs(sql);
    const fresh = { revision: loaded.revision, index: new HubIndex(loaded.hubs) };
    // a slower concurrent reload must not replace a newer one (if it does, the next call reloads again)
    if (!cached || fresh.revision >= cached.revision) cached = fresh;
    return fresh.index;
  }

  return {
    index,
    async resolve(sql, lat, lng) {
      const point: Position = [lng, lat];
      return resolvePin(await index(sql), point);
    },
  };
}
