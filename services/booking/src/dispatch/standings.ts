import type { PartnerStanding } from './waves.ts';

/**
 * Where each partner offered one job stands, grouped by standing (each group in the order partners joined
 * it). Grouped, not keyed by partner: a round offered to a thousand partners moves them together (a wave
 * goes out; every open offer is withdrawn when one is accepted), and moving lists of ids is cheap where
 * copying an object of a thousand keys costs milliseconds each time a decision replays an event.
 */
export type Standings = Readonly<Partial<Record<PartnerStanding, readonly string[]>>>;

export type StandingLookup = (partnerId: string) => PartnerStanding | undefined;

const groupsOf = (standings: Standings) =>
  Object.entries(standings) as Array<[PartnerStanding, readonly string[]]>;

export const partnersStanding = (standings: Standings, standing: PartnerStanding): readonly string[] =>
  standings[standing] ?? [];

/** Every partner ever offered the job. */
export const offeredCount = (standings: Standings): number =>
  groupsOf(standings).reduce((count, [, partnerIds]) => count + partnerIds.length, 0);

/** Each partner's standing, looked up in constant time once built (for many lookups). */
export function standingLookup(standings: Standings): StandingLookup {
  const byPartner = new Map<string, PartnerStanding>();
  for (const [standing, partnerIds] of groupsOf(standings))
    for (const partnerId of partnerIds) byPartner.set(partnerId, standing);
  return (partnerId) => byPartner.get(partnerId);
}

/** One partner's standing, without building a lookup. */
export const standingIn = (standings: Standings, partnerId: string): PartnerStanding | undefined =>
  groupsOf(standings).find(([, partnerIds]) => partnerIds.includes(partnerId))?.[0];

/**
 * `partnerIds` now stand at `standing`; with `onlyFrom`, only those who stand there now (an answer or a
 * withdrawal never overrides a later standing), otherwise also partners not offered before.
 */
export function moveTo(
  standings: Standings,
  partnerIds: readonly string[],
  standing: PartnerStanding,
  onlyFrom?: PartnerStanding,
): Standings {
  const current = standingLookup(standings);
  const arriving = [...new Set(partnerIds)].filter((partnerId) => {
    const from = current(partnerId);
    return from !== standing && (onlyFrom === undefined || from === onlyFrom);
  });
  if (arriving.length === 0) return standings;
  const leaving = new Set(arriving);
  const next: Partial<Record<PartnerStanding, readonly string[]>> = {};
  for (const [group, members] of groupsOf(standings)) {
    const staying = group === standing ? members : members.filter((partnerId) => !leaving.has(partnerId));
    if (staying.length > 0) next[group] = staying;
  }
  next[standing] = [...partnersStanding(standings, standing), ...arriving];
  return next;
}
