/** What the cache keeps per partner: the last heartbeat. */
export interface PresenceRecord {
  online: boolean;
  lat: number | null;
  lng: number | null;
  seenAt: string;
}

/** [minLng, minLat, maxLng, maxLat] of a hub, as the locations service publishes it. */
export type BBox = readonly [number, number, number, number];

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

const positionOf = (record: PresenceRecord): Point | null =>
  record.lat === null || record.lng === null ? null : { lat: record.lat, lng: record.lng };

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
    const record = input.presence.get(partnerId);
    if (!record || !isFresh(record, input.now, input.freshSeconds)) return [];
    const position = positionOf(record);
    if (!position || !isInBbox(position, input.bbox)) return [];
    const distance = input.origin ? distanceMeters(input.origin, position) : 0;
    return [{ partnerId, distance }];
  });
  return candidates.sort((a, b) => a.distance - b.distance).map((candidate) => candidate.partnerId);
}
