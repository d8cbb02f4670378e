import type { PartnerScheduleInput } from '@zefy/contracts';
import type { BookingDeps } from '../deps.ts';
import { claimSeed, insertScheduleUnlessSet } from './schedule.repository.ts';
import { checkSchedule, normaliseSchedule } from './schedule.ts';

export interface BookingSeed {
  /** Names the data set in the seed marker: the same name is applied once per database. */
  name: string;
  schedules: ReadonlyArray<PartnerScheduleInput & { partnerId: string }>;
}

/**
 * Applies a data set of working hours once (a seed marker in the same transaction), so the demo city's slots
 * are bookable on a fresh start. A partner who already has a schedule keeps it; a schedule the partner app
 * would refuse is refused here too.
 */
export async function seedBooking(deps: BookingDeps, seed: BookingSeed): Promise<{ applied: boolean }> {
  return deps.db.transaction(async (tx) => {
    if (!(await claimSeed(tx, seed.name))) return { applied: false };
    for (const { partnerId, ...schedule } of seed.schedules) {
      const problems = checkSchedule(schedule);
      if (problems.length > 0)
        throw new Error(`seed ${seed.name}: schedule of ${partnerId}: ${JSON.stringify(problems)}`);
      await insertScheduleUnlessSet(tx, partnerId, normaliseSchedule(schedule), deps.clock.now());
    }
    return { applied: true };
  });
}
