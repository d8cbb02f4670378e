import type { BBox } from '@zefy/rules';

/** What the cache keeps per partner: the last heartbeat. */
export interface PresenceRecord {
  online: boolean;
  lat: number | null;
  lng: number | null;
  seenAt: string;
  /** When this stretch on duty began (idle time counts from it); null while off duty. */
  onlineSince: string | null;
}

export interface Point {
  lat: number;
  lng: number;
}

/** Online and heard from recently enough that a job offer would reach them now. */
export const isFresh = (record: PresenceRecord, now: number, freshSeconds: number): boolean =>
  record.online && now - Date.parse(record.seenAt) <= freshSeconds * 1000;

/** Unknown bounds (booking has not heard of the hub's shape) do not exclude anyone. */
export function isInBbox(point: Point, bbox: BBox | null): boolean {
  if (!bbox) return true;
  const [minLng, minLat, maxLng, maxLat] = bbox;
  return point.lng >= minLng && point.lng <= maxLng && point.lat >= minLat && point.lat <= maxLat;
}

/** Great-circle distance in metres (haversine): ranking only, so the sphere is close enough. */
export function distanceMeters(a: Point, b: Point): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const positionOf = (record: PresenceRecord): Point | null =>
  record.lat === null || record.lng === null ? null : { lat: record.lat, lng: record.lng };

/** Where a partner on duty is: online, fresh and inside the hub; null when they could not take a job now. */
export function onDutyPosition(
  record: PresenceRecord | undefined,
  input: { now: number; freshSeconds: number; bbox: BBox | null },
): Point | null {
  if (!record || !isFresh(record, input.now, input.freshSeconds)) return null;
  const position = positionOf(record);
  return position && isInBbox(position, input.bbox) ? position : null;
}

/**
 * A heartbeat (or going off duty) on top of the last record: the position is kept when none is sent, and
 * a stretch on duty goes on while heartbeats stay fresh. `cameOnDuty`: the partner was not reachable before
 * (dispatch offers them waiting jobs); `wentOffDuty`: they said so (dispatch withdraws their offers).
 */
export function nextPresence(
  previous: PresenceRecord | null,
  input: { online: boolean; lat?: number | undefined; lng?: number | undefined },
  now: Date,
  freshSeconds: number,
): { record: PresenceRecord; cameOnDuty: boolean; wentOffDuty: boolean } {
  const wasOnDuty = previous !== null && isFresh(previous, now.getTime(), freshSeconds);
  return {
    record: {
      online: input.online,
      lat: input.lat ?? previous?.lat ?? null,
      lng: input.lng ?? previous?.lng ?? null,
      seenAt: now.toISOString(),
      onlineSince: input.online ? ((wasOnDuty ? previous.onlineSince : null) ?? now.toISOString()) : null,
    },
    cameOnDuty: input.online && !wasOnDuty,
    wentOffDuty: !input.online,
  };
}

/**
 * Partners who could take a job now, nearest to `origin` first: among `eligibleIds` (approved, the skill,
 * this hub), those online with a fresh heartbeat from inside the hub. Whether they are free is the
 * database's call (claims).
 */
export function nowCandidates(input: {
  eligibleIds: readonly string[];
  presence: ReadonlyMap<string, PresenceRecord>;
  bbox: BBox | null;
  origin: Point | null;
  now: number;
  freshSeconds: number;
}): string[] {
  const candidates = input.eligibleIds.flatMap((partnerId) => {
    const position = onDutyPosition(input.presence.get(partnerId), input);
    if (!position) return [];
    const distance = input.origin ? distanceMeters(input.origin, position) : 0;
    return [{ partnerId, distance }];
  });
  return candidates.sort((a, b) => a.distance - b.distance).map((candidate) => candidate.partnerId);
}
