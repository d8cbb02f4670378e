import type { Cache } from '@zefy/platform';
import type { PresenceRecord } from './presence.ts';

// The hub is a hash tag: a hub's presence keys live on one Redis Cluster slot and are read together.
export const presenceKey = (hubId: string) => `presence:{hub:${hubId}}`;
export const presenceGeoKey = (hubId: string) => `presence:{hub:${hubId}}:geo`;

function parse(raw: string | null | undefined): PresenceRecord | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<PresenceRecord>;
    if (typeof value.online !== 'boolean' || typeof value.seenAt !== 'string') return null;
    return {
      online: value.online,
      lat: value.lat ?? null,
      lng: value.lng ?? null,
      seenAt: value.seenAt,
      onlineSince: value.onlineSince ?? null,
    };
  } catch {
    return null;
  }
}

/** Keeps the latest heartbeat per partner, and the hub's geo index of online partners for dispatch. */
export async function savePresence(
  cache: Cache,
  hubId: string,
  partnerId: string,
  record: PresenceRecord,
): Promise<void> {
  await cache.hset(presenceKey(hubId), { [partnerId]: JSON.stringify(record) });
  if (record.online && record.lat !== null && record.lng !== null)
    await cache.geoAdd(presenceGeoKey(hubId), record.lng, record.lat, partnerId);
  else await cache.geoRemove(presenceGeoKey(hubId), partnerId);
}

export async function readPresence(
  cache: Cache,
  hubId: string,
  partnerId: string,
): Promise<PresenceRecord | null> {
  return parse(await cache.hget(presenceKey(hubId), partnerId));
}

export async function readHubPresence(cache: Cache, hubId: string): Promise<Map<string, PresenceRecord>> {
  const entries = Object.entries(await cache.hgetall(presenceKey(hubId)));
  return new Map(
    entries.flatMap(([partnerId, raw]) => {
      const record = parse(raw);
      return record ? [[partnerId, record] as const] : [];
    }),
  );
}
