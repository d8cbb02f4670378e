import type { Interval } from '../schedule/schedule.ts';

/** A partner's time already promised: a live hold or a confirmed booking. */
export interface Claim extends Interval {
  partnerId: string;
}
