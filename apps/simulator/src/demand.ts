import { pickWeighted, type Random } from './random.ts';

export interface HubDemand {
  hubId: string;
  /** Relative share of the city's bookings (any positive scale). */
  weight: number;
}

export interface Arrival {
  /** Milliseconds from the start of the run. */
  atMs: number;
  hubId: string;
}

/** The wait until the next booking of a Poisson process at `perMinute`: exponentially distributed. */
export function nextArrivalGapMs(random: Random, perMinute: number): number {
  if (perMinute <= 0) return Number.POSITIVE_INFINITY;
  return (-Math.log(1 - random()) / perMinute) * 60_000;
}

/**
 * The city's bookings over `durationMs`: Poisson arrivals at `perMinute`, each given to a hub by weight
 * (splitting a Poisson process by weight gives each hub its own Poisson process at its share of the rate).
 */
export function demandSchedule(
  random: Random,
  input: { perMinute: number; durationMs: number; hubs: readonly HubDemand[] },
): Arrival[] {
  const arrivals: Arrival[] = [];
  if (input.hubs.length === 0) return arrivals;
  for (
    let atMs = nextArrivalGapMs(random, input.perMinute);
    atMs < input.durationMs;
    atMs += nextArrivalGapMs(random, input.perMinute)
  )
    arrivals.push({ atMs, hubId: pickWeighted(random, input.hubs).hubId });
  return arrivals;
}
