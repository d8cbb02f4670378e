import type { AdminHubDashboard, BookingStatus } from '@zefy/contracts';
import { isFresh, type PresenceRecord, positionOf } from '../presence/presence.ts';

/** What the database knows of a hub's day (dashboard.repository.ts). */
export interface HubDay {
  hubId: string;
  hubName: string;
  timeZone: string;
  today: string;
  bookingsToday: Array<{ status: BookingStatus; count: number }>;
  waitingForPartner: number;
  /** Jobs locked after too many wrong codes, waiting for the team to reissue them. */
  otpLocked: number;
}

/**
 * A hub's figures for the console: its day from the database, and how many of its partners are online
 * now (a fresh heartbeat, as availability counts them) and where (the live map). SLA breaches stay 0 until
 * dispatch assigns partners: nothing has a deadline before that.
 */
export function hubDashboard(
  day: HubDay,
  presence: Iterable<readonly [partnerId: string, record: PresenceRecord]>,
  now: Date,
  freshSeconds: number,
): AdminHubDashboard {
  let partnersOnline = 0;
  const partnersOnDuty: AdminHubDashboard['partnersOnDuty'] = [];
  for (const [partnerId, record] of presence) {
    if (!isFresh(record, now.getTime(), freshSeconds)) continue;
    partnersOnline += 1;
    const position = positionOf(record);
    if (position) partnersOnDuty.push({ partnerId, ...position, lastSeenAt: record.seenAt });
  }
  return { ...day, slaBreaches: 0, partnersOnline, partnersOnDuty };
}
