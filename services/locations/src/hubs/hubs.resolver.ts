import type { Sql, Transaction } from '@zefy/platform';
import type { Position } from '@zefy/rules';
import { HubIndex, type PinLookup, type Resolution, resolvePin } from './hub-index.ts';
import { currentHubRevision, loadActiveHubs, lockHubMapForRead } from './hubs.repository.ts';

export interface HubResolver {
  /** The index as of the latest committed hub revision (one indexed max() query when nothing changed). */
  index(sql: Sql): Promise<HubIndex>;
  resolve(sql: Sql, lat: number, lng: number): Promise<Resolution>;
  /**
   * Holds the hub map's shared lock until `tx` ends (hub writes wait, see hubs.repository.ts) and looks pins
   * up in the map as it then is: what an address write or a re-resolution decides with.
   */
  lockedLookup(tx: Transaction): Promise<PinLookup>;
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
    async lockedLookup(tx) {
      await lockHubMapForRead(tx);
      const locked = await index(tx);
      return (lat, lng) => resolvePin(locked, [lng, lat]);
    },
  };
}
